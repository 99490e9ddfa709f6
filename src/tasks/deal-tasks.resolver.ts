import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { NESTED_LIST_LIMIT } from '../common/pagination/nested-list.js';
import { NestedListResolver } from '../common/records/nested-list.resolver.js';
import { DealType } from '../deals/deal.type.js';
import { TASKS_BY_DEAL } from './task.loaders.js';
import { TaskType } from './task.type.js';

/** `deal.tasks`: added to Deal from here, so deals/ knows no tasks. */
export const DealTasksResolver = NestedListResolver({
  parent: DealType,
  name: 'DealTasksResolver',
  field: 'tasks',
  node: TaskType,
  loader: TASKS_BY_DEAL,
  toNode: (row) => TaskType.from(row),
  description: `The deal’s first ${NESTED_LIST_LIMIT} tasks, soonest due first; tasks(filter: { dealId }) pages through all.`,
  decorators: [Requires(Action.ReadRecords)],
});
