import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { referenced } from '../common/records/referenced.js';
import { LeadType } from './lead.type.js';
import { byId, LoaderKey, LoaderRegistry } from '../common/graphql/loaders.js';
import { LeadsRepository } from './leads.repository.js';
import type { LeadRecord } from './lead.record.js';

/** A live lead of the caller's company by id (interaction.lead, deal.lead, …), null when missing. */
export const LEAD_BY_ID = new LoaderKey<string, LeadRecord | null>('leadById');

/** A live lead by id as the GraphQL type, for fields pointing at one (task.lead, …). */
export const leadRef = referenced(
  LEAD_BY_ID,
  (row) => LeadType.from(row),
  () => LeadType,
  [Requires(Action.ReadRecords)],
);

@Injectable()
export class LeadLoaders implements OnModuleInit {
  constructor(
    private readonly registry: LoaderRegistry,
    private readonly leads: LeadsRepository,
  ) {}

  onModuleInit(): void {
    this.registry.define(LEAD_BY_ID, async (companyId, ids) =>
      byId(ids, await this.leads.findLiveByIds(companyId, ids)),
    );
  }
}
