import { featureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons, type ReasonOf } from '../common/errors/error-reasons.js';

export const ScoringReason = declareReasons('scoring', {
  /** The company's scores are being recalculated already, from this instance or another. */
  RECALCULATION_RUNNING: ErrorCode.CONFLICT,
  /** The AI provider failed or did not answer in time; the lead keeps the summary it had. */
  SUMMARY_PROVIDER_FAILED: ErrorCode.INTERNAL_SERVER_ERROR,
  /**
   * The company's budget of calls to the AI provider, or everyone's, is spent for now
   * (AI_CALLS_PER_…): no call was made and the lead keeps its summary; `retryAfter` says when.
   */
  AI_BUDGET_SPENT: ErrorCode.RATE_LIMITED,
});
export type ScoringReason = ReasonOf<typeof ScoringReason>;

export class ScoringException extends featureException(ScoringReason) {}
