import { FeatureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons } from '../common/errors/error-reasons.js';

export enum IngestionReason {
  /** Only a submission still waiting (RECEIVED, QUEUED) or FAILED is processed again. */
  ALREADY_SETTLED = 'ALREADY_SETTLED',
  /**
   * The company's ingestion budget (INGEST_COMPANY_LIMIT_PER_MINUTE, INGEST_COMPANY_BYTES_PER_DAY,
   * all its API keys together) is spent: POST /api/lead answers 429 and stores nothing.
   */
  COMPANY_INGEST_BUDGET_SPENT = 'COMPANY_INGEST_BUDGET_SPENT',
}

export const INGESTION_REASONS = declareReasons<IngestionReason>('ingestion', {
  [IngestionReason.ALREADY_SETTLED]: ErrorCode.CONFLICT,
  [IngestionReason.COMPANY_INGEST_BUDGET_SPENT]: ErrorCode.RATE_LIMITED,
});

export class IngestionException extends FeatureException<IngestionReason> {
  constructor(reason: IngestionReason, message: string, extensions?: Record<string, unknown>) {
    super(INGESTION_REASONS, reason, message, extensions);
  }
}
