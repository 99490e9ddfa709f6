import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { NESTED_LIST_LIMIT } from '../common/pagination/nested-list.js';
import { NestedListResolver } from '../common/records/nested-list.resolver.js';
import { LeadType } from '../leads/lead.type.js';
import { TASKS_BY_LEAD } from './task.loaders.js';
import { TaskType } from './task.type.js';

/** `lead.tasks`: added to Lead from here, so leads/ knows no tasks. */
export const LeadTasksResolver = NestedListResolver({
  parent: LeadType,
  name: 'LeadTasksResolver',
  field: 'tasks',
  node: TaskType,
  loader: TASKS_BY_LEAD,
  toNode: (row) => TaskType.from(row),
  description: `The lead’s first ${NESTED_LIST_LIMIT} tasks, soonest due first; tasks(filter: { leadId }) pages through all.`,
  decorators: [Requires(Action.ReadRecords)],
});
