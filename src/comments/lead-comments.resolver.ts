import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../common/graphql/graphql-context.js';
import { ListSize } from '../common/graphql/query-cost.decorators.js';
import { NESTED_LIST_LIMIT } from '../common/pagination/nested-list.js';
import { LeadType } from '../leads/lead.type.js';
import { COMMENTS_BY_LEAD } from './comment.loaders.js';
import { CommentType } from './comment.type.js';

/** `lead.comments`: added to Lead from here, so leads/ knows no comments. */
@Resolver(() => LeadType)
export class LeadCommentsResolver {
  @Requires(Action.ReadRecords)
  @ResolveField(() => [CommentType], {
    description: `The newest ${NESTED_LIST_LIMIT}, newest first; comments(leadId) pages through all.`,
  })
  @ListSize(NESTED_LIST_LIMIT)
  async comments(
    lead: LeadType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): Promise<CommentType[]> {
    const rows = await loaders.get(COMMENTS_BY_LEAD).load(lead.id);
    return rows.map((row) => CommentType.from(row));
  }
}
