import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import { Int, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../common/graphql/graphql-context.js';
import { LeadType } from '../leads/lead.type.js';
import { SCORE_BY_LEAD, SUMMARY_BY_LEAD } from './scoring.loaders.js';

/** A lead's score and summary: added to Lead from here, so leads/ knows neither. */
@Resolver(() => LeadType)
export class LeadScoringResolver {
  // No parameter decorators: Nest's per-call pipeline would run once per lead of a page.
  @ResolveField(() => Int, {
    nullable: true,
    description:
      '0–100, from the lead’s interactions: their type, how recent, how many (docs/features/scoring.md). 0 for a new lead.',
  })
  async activityScore(lead: LeadType, _args: unknown, { loaders }: GraphQLContext) {
    return (await loaders.get(SCORE_BY_LEAD).load(lead.id))?.activityScore ?? null;
  }

  @ResolveField(() => Date, {
    nullable: true,
    description:
      'When activityScore was computed (a new lead’s: its creation); a score is not an edit (updatedAt stays).',
  })
  async scoreCalculatedAt(lead: LeadType, _args: unknown, { loaders }: GraphQLContext) {
    return (await loaders.get(SCORE_BY_LEAD).load(lead.id))?.calculatedAt ?? null;
  }

  @MaxChars(4000)
  @ResolveField(() => String, {
    nullable: true,
    description: 'A few sentences on the lead (regenerateSummary); null until one is generated.',
  })
  async summary(lead: LeadType, _args: unknown, { loaders }: GraphQLContext) {
    return (await loaders.get(SUMMARY_BY_LEAD).load(lead.id))?.summary ?? null;
  }

  @ResolveField(() => Date, { nullable: true, description: 'When summary was generated.' })
  async summaryGeneratedAt(lead: LeadType, _args: unknown, { loaders }: GraphQLContext) {
    return (await loaders.get(SUMMARY_BY_LEAD).load(lead.id))?.generatedAt ?? null;
  }

  @MaxChars(200)
  @ResolveField(() => String, {
    nullable: true,
    description: 'What wrote summary: `built-in` (no data left the server) or the AI model’s name.',
  })
  async summaryProvider(lead: LeadType, _args: unknown, { loaders }: GraphQLContext) {
    return (await loaders.get(SUMMARY_BY_LEAD).load(lead.id))?.provider ?? null;
  }
}
