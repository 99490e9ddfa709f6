import { FeatureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons } from '../common/errors/error-reasons.js';

export enum IngestionReason {
  /** Only a submission still waiting (RECEIVED, QUEUED) or FAILED is processed again. */
  ALREADY_SETTLED = 'ALREADY_SETTLED',
}

export const INGESTION_REASONS = declareReasons<IngestionReason>('ingestion', {
  [IngestionReason.ALREADY_SETTLED]: ErrorCode.CONFLICT,
});

export class IngestionException extends FeatureException<IngestionReason> {
  constructor(reason: IngestionReason, message: string, extensions?: Record<string, unknown>) {
    super(INGESTION_REASONS, reason, message, extensions);
  }
}
