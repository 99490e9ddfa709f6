import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../common/graphql/graphql-context.js';
import { ListSize } from '../common/graphql/query-cost.decorators.js';
import { NESTED_LIST_LIMIT } from '../common/pagination/nested-list.js';
import { LeadType } from '../leads/lead.type.js';
import { TaskType } from './task.type.js';
import { TASKS_BY_LEAD } from './task.loaders.js';

/** `lead.tasks`: added to Lead from here, so leads/ knows no tasks. */
@Resolver(() => LeadType)
export class LeadTasksResolver {
  @Requires(Action.ReadRecords)
  @ResolveField(() => [TaskType], {
    description: `The lead’s first ${NESTED_LIST_LIMIT} tasks, soonest due first; tasks(filter: { leadId }) pages through all.`,
  })
  @ListSize(NESTED_LIST_LIMIT)
  async tasks(lead: LeadType, _args: unknown, { loaders }: GraphQLContext): Promise<TaskType[]> {
    return (await loaders.get(TASKS_BY_LEAD).load(lead.id)).map((task) => TaskType.from(task));
  }
}
