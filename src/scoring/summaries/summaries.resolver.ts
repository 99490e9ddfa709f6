import { Requires } from '../../access/field-access.js';
import { Action } from '../../access/permissions.js';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../../auth/auth-context.js';
import { CurrentAuth } from '../../auth/decorators/current-auth.decorator.js';
import { IdArg } from '../../common/graphql/id-field.decorators.js';
import { LeadType } from '../../leads/lead.type.js';
import { SummariesService } from './summaries.service.js';

@Resolver()
export class SummariesResolver {
  constructor(private readonly summaries: SummariesService) {}

  @Requires(Action.GenerateSummaries)
  @Mutation(() => LeadType, {
    description:
      'A new summary of a lead you can read, with its score recomputed now: by the AI provider when one is configured and your company allows it (setExternalAiAllowed), else built in. Rate-limited per user; calls to the provider are budgeted per company and for everyone (RATE_LIMITED, reason AI_BUDGET_SPENT, with retryAfter, once spent). On a provider failure (SUMMARY_PROVIDER_FAILED) or a spent budget the previous summary is kept.',
  })
  async regenerateSummary(
    @CurrentAuth() auth: AuthContext,
    @IdArg('id', 'A live lead you can read.')
    id: string,
  ): Promise<LeadType> {
    return LeadType.from(await this.summaries.generateSummary(auth, id));
  }

  @Requires(Action.ManageAiSettings)
  @Query(() => Boolean, {
    description: 'ADMIN: whether lead data may be sent to the external AI provider for summaries.',
  })
  externalAiAllowed(@CurrentAuth() auth: AuthContext): Promise<boolean> {
    return this.summaries.externalAiAllowed(auth);
  }

  @Requires(Action.ManageAiSettings)
  @Mutation(() => Boolean, {
    description:
      'ADMIN: allow (true) or forbid (false, the default) sending lead data to the external AI provider.',
  })
  setExternalAiAllowed(
    @CurrentAuth() auth: AuthContext,
    @Args('allowed', { description: 'True allows, false forbids.' }) allowed: boolean,
  ): Promise<boolean> {
    return this.summaries.setExternalAiAllowed(auth, allowed);
  }
}
