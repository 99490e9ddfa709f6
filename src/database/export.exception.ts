import { FeatureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons } from '../common/errors/error-reasons.js';

export enum ExportReason {
  /** The caller's company already runs EXPORT_MAX_PER_COMPANY exports on this instance. */
  COMPANY_EXPORT_LIMIT = 'COMPANY_EXPORT_LIMIT',
}

export const EXPORT_REASONS = declareReasons<ExportReason>('exports', {
  [ExportReason.COMPANY_EXPORT_LIMIT]: ErrorCode.RATE_LIMITED,
});

export class ExportException extends FeatureException<ExportReason> {
  constructor(reason: ExportReason, message: string, extensions?: Record<string, unknown>) {
    super(EXPORT_REASONS, reason, message, extensions);
  }
}
