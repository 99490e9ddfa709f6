import { FeatureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons } from '../common/errors/error-reasons.js';

export enum DealReason {
  /** The company computed DEAL_STATS_UNCACHED_PER_MINUTE ranged statistics afresh this minute. */
  UNCACHED_STATS_LIMITED = 'UNCACHED_STATS_LIMITED',
}

export const DEAL_REASONS = declareReasons<DealReason>('deals', {
  [DealReason.UNCACHED_STATS_LIMITED]: ErrorCode.RATE_LIMITED,
});

export class DealException extends FeatureException<DealReason> {
  constructor(reason: DealReason, message: string, extensions?: Record<string, unknown>) {
    super(DEAL_REASONS, reason, message, extensions);
  }
}
