import { featureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons, type ReasonOf } from '../common/errors/error-reasons.js';

export const DealReason = declareReasons('deals', {
  /** The company computed DEAL_STATS_UNCACHED_PER_MINUTE ranged statistics afresh this minute. */
  UNCACHED_STATS_LIMITED: ErrorCode.RATE_LIMITED,
});
export type DealReason = ReasonOf<typeof DealReason>;

export class DealException extends featureException(DealReason) {}
