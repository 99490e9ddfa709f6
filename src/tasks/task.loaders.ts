import { Injectable, OnModuleInit } from '@nestjs/common';
import { LoaderKey, LoaderRegistry, perParent } from '../common/graphql/loaders.js';
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
    const latest =
      (parent: 'lead_id' | 'deal_id') =>
      (companyId: string, ids: readonly string[], fields: readonly string[] | null) =>
        this.tasks.latestFor(parent, companyId, ids, NESTED_LIST_LIMIT, fields);
    this.registry.define(
      TASKS_BY_LEAD,
      perParent(latest('lead_id'), (row) => row.leadId),
    );
    this.registry.define(
      TASKS_BY_DEAL,
      perParent(latest('deal_id'), (row) => row.dealId),
    );
  }
}
