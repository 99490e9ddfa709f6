import { ErrorCode } from '../common/errors/error-code.js';
import { IngestionReason } from './ingestion.exception.js';

/** Which of the company's limits a refused submission ran into. */
export type BudgetLimit = 'requests_per_minute' | 'bytes_per_day';

/**
 * The answers of POST /api/lead: the sender's contract (docs/features/ingestion.md). 2xx and 409 mean
 * "stored, stop sending"; only 500 means "not stored, send again".
 */
export interface IngestionReply {
  statusCode: number;
  body: Record<string, unknown>;
  /** Seconds, for 429. */
  retryAfter?: number;
}

const failure = (statusCode: number, error: string): IngestionReply => ({
  statusCode,
  body: { ok: false, error },
});

export const IngestionReplies = {
  created: (leadId: string): IngestionReply => ({
    statusCode: 201,
    body: { ok: true, lead_id: leadId, deduplicated: false },
  }),
  merged: (leadId: string): IngestionReply => ({
    statusCode: 200,
    body: { ok: true, lead_id: leadId, deduplicated: false, merged: true },
  }),
  duplicate: (leadId: string): IngestionReply => ({
    statusCode: 409,
    body: { ok: true, lead_id: leadId, deduplicated: true },
  }),
  queued: (rawId: string): IngestionReply => ({
    statusCode: 202,
    body: { ok: true, lead_id: null, raw_id: rawId, status: 'queued' },
  }),
  rejected: (rawId: string): IngestionReply => ({
    statusCode: 202,
    body: { ok: true, lead_id: null, raw_id: rawId, status: 'rejected' },
  }),
  keyReused: (): IngestionReply => failure(422, 'idempotency_key_reused'),
  invalidPayload: (): IngestionReply => failure(400, 'invalid_payload'),
  invalidIdempotencyKey: (): IngestionReply => failure(400, 'invalid_idempotency_key'),
  unauthorized: (): IngestionReply => failure(401, 'unauthorized'),
  payloadTooLarge: (): IngestionReply => failure(413, 'payload_too_large'),
  /** A request HTTP itself refuses before it could be stored (a Content-Type that does not parse). */
  badRequest: (statusCode: number): IngestionReply =>
    failure(statusCode, statusCode === 415 ? 'unsupported_media_type' : 'bad_request'),
  rateLimited: (seconds: number): IngestionReply => ({
    ...failure(429, 'rate_limited'),
    retryAfter: seconds,
  }),
  /**
   * The company's budget is spent: nothing stored, send again after `seconds`. `error` stays the
   * sender's `rate_limited`; code and reason say which limit, as the API's errors do.
   */
  budgetSpent: (seconds: number, limit: BudgetLimit): IngestionReply => ({
    statusCode: 429,
    body: {
      ok: false,
      error: 'rate_limited',
      code: ErrorCode.RATE_LIMITED,
      reason: IngestionReason.COMPANY_INGEST_BUDGET_SPENT,
      limit,
      message:
        limit === 'bytes_per_day'
          ? 'The company has sent all the bytes it may send today (UTC); nothing was stored'
          : 'The company has sent all the submissions it may send this minute; nothing was stored',
    },
    retryAfter: seconds,
  }),
  internalError: (): IngestionReply => failure(500, 'internal_error'),
};
