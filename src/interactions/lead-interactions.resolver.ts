import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../common/graphql/graphql-context.js';
import { ListSize } from '../common/graphql/query-cost.decorators.js';
import { NESTED_LIST_LIMIT } from '../common/pagination/nested-list.js';
import { LeadType } from '../leads/lead.type.js';
import { INTERACTIONS_BY_LEAD } from './interaction.loaders.js';
import { InteractionType } from './interaction.type.js';

/** `lead.interactions`: added to Lead from here, so leads/ knows nothing of interactions. */
@Resolver(() => LeadType)
export class LeadInteractionsResolver {
  // Without parameter decorators Nest skips its per-call pipeline (it runs once per lead of a
  // page); that is also why it takes no `first`: an argument needs a decorator.
  @Requires(Action.ReadRecords)
  @ResolveField(() => [InteractionType], {
    description: `The newest ${NESTED_LIST_LIMIT}, newest first; interactionsByLead or interactionsConnection page through all.`,
  })
  @ListSize(NESTED_LIST_LIMIT)
  async interactions(
    lead: LeadType,
    _args: unknown,
    { loaders }: GraphQLContext,
  ): Promise<InteractionType[]> {
    const rows = await loaders.get(INTERACTIONS_BY_LEAD).load(lead.id);
    return rows.map((row) => InteractionType.from(row));
  }
}
