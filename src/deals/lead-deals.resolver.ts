import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../common/graphql/graphql-context.js';
import { ListSize } from '../common/graphql/query-cost.decorators.js';
import { NESTED_LIST_LIMIT } from '../common/pagination/nested-list.js';
import { LeadType } from '../leads/lead.type.js';
import { DEALS_BY_LEAD } from './deal.loaders.js';
import { DealType } from './deal.type.js';

/** `lead.deals`: added to Lead from here, so leads/ knows no deals. */
@Resolver(() => LeadType)
export class LeadDealsResolver {
  @Requires(Action.ReadRecords)
  @ResolveField(() => [DealType], {
    description: `The lead’s newest ${NESTED_LIST_LIMIT} live deals.`,
  })
  @ListSize(NESTED_LIST_LIMIT)
  async deals(lead: LeadType, _args: unknown, { loaders }: GraphQLContext): Promise<DealType[]> {
    return (await loaders.get(DEALS_BY_LEAD).load(lead.id)).map((deal) => DealType.from(deal));
  }
}
