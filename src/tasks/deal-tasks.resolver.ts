import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../common/graphql/graphql-context.js';
import { ListSize } from '../common/graphql/query-cost.decorators.js';
import { NESTED_LIST_LIMIT } from '../common/pagination/nested-list.js';
import { DealType } from '../deals/deal.type.js';
import { TaskType } from './task.type.js';
import { TASKS_BY_DEAL } from './task.loaders.js';

/** `deal.tasks`: added to Deal from here, so deals/ knows no tasks. */
@Resolver(() => DealType)
export class DealTasksResolver {
  @Requires(Action.ReadRecords)
  @ResolveField(() => [TaskType], {
    description: `The deal’s first ${NESTED_LIST_LIMIT} tasks, soonest due first; tasks(filter: { dealId }) pages through all.`,
  })
  @ListSize(NESTED_LIST_LIMIT)
  async tasks(deal: DealType, _args: unknown, { loaders }: GraphQLContext): Promise<TaskType[]> {
    return (await loaders.get(TASKS_BY_DEAL).load(deal.id)).map((task) => TaskType.from(task));
  }
}
