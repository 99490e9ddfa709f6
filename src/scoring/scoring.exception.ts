import { FeatureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons } from '../common/errors/error-reasons.js';

export enum ScoringReason {
  /** The company's scores are being recalculated already, from this instance or another. */
  RECALCULATION_RUNNING = 'RECALCULATION_RUNNING',
  /** The AI provider failed or did not answer in time; the lead keeps the summary it had. */
  SUMMARY_PROVIDER_FAILED = 'SUMMARY_PROVIDER_FAILED',
}

export const SCORING_REASONS = declareReasons<ScoringReason>('scoring', {
  [ScoringReason.RECALCULATION_RUNNING]: ErrorCode.CONFLICT,
  [ScoringReason.SUMMARY_PROVIDER_FAILED]: ErrorCode.INTERNAL_SERVER_ERROR,
});

export class ScoringException extends FeatureException<ScoringReason> {
  constructor(reason: ScoringReason, message: string) {
    super(SCORING_REASONS, reason, message);
  }
}
