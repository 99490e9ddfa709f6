import { featureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons, type ReasonOf } from '../common/errors/error-reasons.js';

export const IngestionReason = declareReasons('ingestion', {
  /** Only a submission still waiting (RECEIVED, QUEUED) or FAILED is processed again. */
  ALREADY_SETTLED: ErrorCode.CONFLICT,
  /**
   * The company's ingestion budget (INGEST_COMPANY_LIMIT_PER_MINUTE, INGEST_COMPANY_BYTES_PER_DAY,
   * all its API keys together) is spent: POST /api/lead answers 429 and stores nothing.
   */
  COMPANY_INGEST_BUDGET_SPENT: ErrorCode.RATE_LIMITED,
});
export type IngestionReason = ReasonOf<typeof IngestionReason>;

export class IngestionException extends featureException(IngestionReason) {}
