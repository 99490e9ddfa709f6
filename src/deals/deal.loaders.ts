import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { referenced } from '../common/records/referenced.js';
import { DealType } from './deal.type.js';
import { byId, LoaderKey, LoaderRegistry, perParent } from '../common/graphql/loaders.js';
import { NESTED_LIST_LIMIT } from '../common/pagination/nested-list.js';
import { DealsRepository } from './deals.repository.js';
import type { DealRecord } from './deal.record.js';

/** The newest NESTED_LIST_LIMIT live deals of a lead (lead.deals). */
export const DEALS_BY_LEAD = new LoaderKey<string, DealRecord[]>('dealsByLead');

/** A live deal of the caller's company by id (task.deal, comment.deal, …), null when missing. */
export const DEAL_BY_ID = new LoaderKey<string, DealRecord | null>('dealById');

/** A live deal by id as the GraphQL type, for fields pointing at one (task.deal, …). */
export const dealRef = referenced(
  DEAL_BY_ID,
  (row) => DealType.from(row),
  () => DealType,
  [Requires(Action.ReadRecords)],
);

@Injectable()
export class DealLoaders implements OnModuleInit {
  constructor(
    private readonly registry: LoaderRegistry,
    private readonly deals: DealsRepository,
  ) {}

  onModuleInit(): void {
    this.registry.define(
      DEALS_BY_LEAD,
      perParent(
        (companyId, leadIds, fields) =>
          this.deals.latestForLeads(companyId, leadIds, NESTED_LIST_LIMIT, fields),
        (row) => row.leadId,
      ),
    );
    this.registry.define(DEAL_BY_ID, async (companyId, ids) =>
      byId(ids, await this.deals.findLiveByIds(companyId, ids)),
    );
  }
}
