import { FeatureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons } from '../common/errors/error-reasons.js';

export enum ScoringReason {
  /** The company's scores are being recalculated already, from this instance or another. */
  RECALCULATION_RUNNING = 'RECALCULATION_RUNNING',
  /** The AI provider failed or did not answer in time; the lead keeps the summary it had. */
  SUMMARY_PROVIDER_FAILED = 'SUMMARY_PROVIDER_FAILED',
  /**
   * The company's budget of calls to the AI provider, or everyone's, is spent for now
   * (AI_CALLS_PER_…): no call was made and the lead keeps its summary; `retryAfter` says when.
   */
  AI_BUDGET_SPENT = 'AI_BUDGET_SPENT',
}

export const SCORING_REASONS = declareReasons<ScoringReason>('scoring', {
  [ScoringReason.RECALCULATION_RUNNING]: ErrorCode.CONFLICT,
  [ScoringReason.SUMMARY_PROVIDER_FAILED]: ErrorCode.INTERNAL_SERVER_ERROR,
  [ScoringReason.AI_BUDGET_SPENT]: ErrorCode.RATE_LIMITED,
});

export class ScoringException extends FeatureException<ScoringReason> {
  constructor(reason: ScoringReason, message: string, extensions?: Record<string, unknown>) {
    super(SCORING_REASONS, reason, message, extensions);
  }
}
