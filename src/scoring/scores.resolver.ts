import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { Mutation, Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { RecalculateScoresResultType } from './recalculate-scores-result.type.js';
import { ScoresService } from './scores.service.js';

@Resolver()
export class ScoresResolver {
  constructor(private readonly scores: ScoresService) {}

  @Requires(Action.RecalculateScores)
  @Mutation(() => RecalculateScoresResultType, {
    description:
      'MANAGER/ADMIN: every lead of the company rescored now, in batches; CONFLICT (RECALCULATION_RUNNING) while one runs.',
  })
  async recalculateAllScores(
    @CurrentAuth() auth: AuthContext,
  ): Promise<RecalculateScoresResultType> {
    return { count: await this.scores.recalculateAll(auth) };
  }
}
