/**
 * The answers of POST /api/lead: the sender's contract (README, "Ingestion"). 2xx and 409 mean
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
  internalError: (): IngestionReply => failure(500, 'internal_error'),
};
