/**
 * What one submission's journal rows take on disk, at most: what the company's byte budget is
 * charged (IngestionBudget), so that INGEST_COMPANY_BYTES_PER_DAY bounds the journal's growth and
 * not only its bodies'. Pure: config validation needs the worst case too.
 */

/**
 * The part of a submission's rows that does not depend on what was sent: a leads_raw row with
 * every fixed-size column filled (ids, fingerprint, address, status, timestamps, omitted fields)
 * and its six index entries, plus a claimed key's leads_idempotency row and primary-key entry.
 * Measured at about 1.1 KB a submission with pages packed full; the rest is the free space B-tree
 * pages keep when rows arrive in no particular order.
 */
export const ROW_OVERHEAD_BYTES = 1536;

/** The longest user agent kept (characters): the rest is cut off before storing. */
export const MAX_USER_AGENT_CHARS = 1000;

/**
 * An Idempotency-Key is stored three times: in leads_raw, in leads_idempotency and in that
 * table's primary-key index.
 */
const IDEMPOTENCY_KEY_COPIES = 3;

/** The longest Idempotency-Key and request id a submission is stored with (see the route). */
const MAX_IDEMPOTENCY_KEY = 255;
const MAX_REQUEST_ID = 128;

export interface StoredSubmissionSize {
  body: Buffer;
  /** The jsonb copy's bound (ReceivedBody.jsonbBytes), or 0 when no copy is kept. */
  jsonbBytes: number;
  /** As stored: already cut to MAX_USER_AGENT_CHARS. */
  userAgent: string | null;
  idempotencyKey: string | null;
  requestId: string;
}

/** The bytes one submission is charged: everything it stores that a sender can make larger. */
export function storedBytes(s: StoredSubmissionSize): number {
  return (
    s.body.length +
    s.jsonbBytes +
    (s.userAgent ? Buffer.byteLength(s.userAgent) : 0) +
    (s.idempotencyKey ? IDEMPOTENCY_KEY_COPIES * Buffer.byteLength(s.idempotencyKey) : 0) +
    Buffer.byteLength(s.requestId) +
    ROW_OVERHEAD_BYTES
  );
}

/**
 * The most a body of `bodyLimit` bytes can be charged. Its jsonb copy: text of at most 3 bytes a
 * byte (a byte that is not UTF-8 becomes U+FFFD), plus at most 9 bytes a byte of jsonb's own (an
 * array of one-digit numbers: 18 bytes for each `0,` — see submission.ts). A header's characters
 * are at most 2 bytes in UTF-8 (Node reads headers as Latin-1). A day's budget below this could
 * refuse the largest submission every day.
 */
export function maxStoredBytes(bodyLimit: number): number {
  const jsonb = 12 * bodyLimit + 8;
  return (
    bodyLimit +
    jsonb +
    2 * MAX_USER_AGENT_CHARS +
    IDEMPOTENCY_KEY_COPIES * MAX_IDEMPOTENCY_KEY +
    MAX_REQUEST_ID +
    ROW_OVERHEAD_BYTES
  );
}
