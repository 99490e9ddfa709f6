import { featureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons, type ReasonOf } from '../common/errors/error-reasons.js';

export const ExportReason = declareReasons('exports', {
  /** The caller's company already runs EXPORT_MAX_PER_COMPANY exports on this instance. */
  COMPANY_EXPORT_LIMIT: ErrorCode.RATE_LIMITED,
});
export type ExportReason = ReasonOf<typeof ExportReason>;

export class ExportException extends featureException(ExportReason) {}
