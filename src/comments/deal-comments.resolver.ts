import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../common/graphql/graphql-context.js';
import { ListSize } from '../common/graphql/query-cost.decorators.js';
import { NESTED_LIST_LIMIT } from '../common/pagination/nested-list.js';
import { DealType } from '../deals/deal.type.js';
import { COMMENTS_BY_DEAL } from './comment.loaders.js';
import { CommentType } from './comment.type.js';

/** `deal.comments`: added to Deal from here, so deals/ knows no comments. */
@Resolver(() => DealType)
export class DealCommentsResolver {
  @Requires(Action.ReadRecords)
  @ResolveField(() => [CommentType], {
    description: `The newest ${NESTED_LIST_LIMIT}, newest first; comments(dealId) pages through all.`,
  })
  @ListSize(NESTED_LIST_LIMIT)
  async comments(
    deal: DealType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): Promise<CommentType[]> {
    const rows = await loaders.get(COMMENTS_BY_DEAL).load(deal.id);
    return rows.map((row) => CommentType.from(row));
  }
}
