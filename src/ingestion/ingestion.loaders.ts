import { Injectable, OnModuleInit } from '@nestjs/common';
import { LoaderKey, LoaderRegistry, perParent } from '../common/graphql/loaders.js';
import { NESTED_LIST_LIMIT } from '../common/pagination/nested-list.js';
import type { RawLeadRecord } from './raw-lead.record.js';
import { RawLeadsRepository } from './raw-leads.repository.js';

/** The newest NESTED_LIST_LIMIT submissions linked to a lead (lead.submissions). */
export const SUBMISSIONS_BY_LEAD = new LoaderKey<string, RawLeadRecord[]>('submissionsByLead');

@Injectable()
export class IngestionLoaders implements OnModuleInit {
  constructor(
    private readonly registry: LoaderRegistry,
    private readonly raws: RawLeadsRepository,
  ) {}

  onModuleInit(): void {
    // Whole rows always: RawLeadType keeps its record.
    this.registry.define(
      SUBMISSIONS_BY_LEAD,
      perParent(
        (companyId, leadIds) => this.raws.latestForLeads(companyId, leadIds, NESTED_LIST_LIMIT),
        (row) => row.leadId,
      ),
    );
  }
}
