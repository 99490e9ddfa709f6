import { Injectable, OnModuleInit } from '@nestjs/common';
import { LoaderKey, LoaderRegistry, perParent } from '../common/graphql/loaders.js';
import { NESTED_LIST_LIMIT } from '../common/pagination/nested-list.js';
import { InteractionsRepository } from './interactions.repository.js';
import type { InteractionRecord } from './interaction.record.js';

/** The newest NESTED_LIST_LIMIT interactions of a lead (lead.interactions). */
export const INTERACTIONS_BY_LEAD = new LoaderKey<string, InteractionRecord[]>(
  'interactionsByLead',
);

@Injectable()
export class InteractionLoaders implements OnModuleInit {
  constructor(
    private readonly registry: LoaderRegistry,
    private readonly interactions: InteractionsRepository,
  ) {}

  onModuleInit(): void {
    this.registry.define(
      INTERACTIONS_BY_LEAD,
      perParent(
        (companyId, leadIds, fields) =>
          this.interactions.latestForLeads(companyId, leadIds, NESTED_LIST_LIMIT, fields),
        (row) => row.leadId,
      ),
    );
  }
}
