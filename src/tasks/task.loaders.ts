import { Injectable, OnModuleInit } from '@nestjs/common';
import { groupedBy, LoaderKey, LoaderRegistry } from '../common/graphql/loaders.js';
import { NESTED_LIST_LIMIT } from '../common/pagination/nested-list.js';
import type { TaskRecord } from './task.record.js';
import { TasksRepository } from './tasks.repository.js';

/** The first NESTED_LIST_LIMIT tasks of a lead (lead.tasks), soonest due first. */
export const TASKS_BY_LEAD = new LoaderKey<string, TaskRecord[]>('tasksByLead');
/** The same of a deal (deal.tasks). */
export const TASKS_BY_DEAL = new LoaderKey<string, TaskRecord[]>('tasksByDeal');

@Injectable()
export class TaskLoaders implements OnModuleInit {
  constructor(
    private readonly registry: LoaderRegistry,
    private readonly tasks: TasksRepository,
  ) {}

  onModuleInit(): void {
    this.registry.define(TASKS_BY_LEAD, async (companyId, leadIds, fields) => {
      const rows = await this.tasks.latestFor(
        'lead_id',
        companyId,
        leadIds,
        NESTED_LIST_LIMIT,
        fields,
      );
      return groupedBy(leadIds, rows, (row) => row.leadId);
    });
    this.registry.define(TASKS_BY_DEAL, async (companyId, dealIds, fields) => {
      const rows = await this.tasks.latestFor(
        'deal_id',
        companyId,
        dealIds,
        NESTED_LIST_LIMIT,
        fields,
      );
      return groupedBy(dealIds, rows, (row) => row.dealId);
    });
  }
}
