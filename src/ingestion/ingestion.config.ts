import { ConfigSlice, type ReadSlice } from '../config/config-slice.js';
import { IntVariable } from '../config/variable.decorators.js';
import { RateLimitConfig } from '../rate-limit/rate-limit.config.js';
import { maxStoredBytes } from './stored-bytes.js';

/** `POST /api/lead` and its journal: body size, idempotency, leases, reprocessing, retention. */
export class IngestionConfig extends ConfigSlice {
  static override readonly feature = 'ingestion';

  /** The largest lead submission body; a bigger one answers 413 and is not stored. */
  @IntVariable('largest `POST /api/lead` body (413 beyond, nothing stored)', {
    min: 1024,
    max: 10 * 1024 * 1024,
  })
  INGEST_BODY_LIMIT_BYTES = 64 * 1024;

  /**
   * How long a submission waits for another in flight with the same Idempotency-Key before it
   * answers 202 (queued) instead of 409.
   */
  @IntVariable(
    'how long a resend waits for the request holding its `Idempotency-Key` before answering 202 queued',
    { min: 0, max: 60_000 },
  )
  INGEST_IDEMPOTENCY_WAIT_MS = 5000;

  /** How often the reprocessor looks for queued submissions; 0 turns it off on this instance. */
  @IntVariable('how often each instance looks for queued submissions (`0`: never)', { min: 0 })
  INGEST_REPROCESS_INTERVAL_MS = 5000;

  /**
   * Seconds an instance holds a submission it is processing (received, or taken from the queue):
   * if it dies, another instance takes the submission over once this has passed.
   */
  @IntVariable(
    'how long an instance holds a submission it is processing; one held by a dead instance is taken over after it',
    { min: 1, max: 3600 },
  )
  INGEST_LEASE_SECONDS = 60;

  /**
   * Days a settled submission (processed, merged, duplicate, rejected, invalid) stays in the
   * journal; 0 keeps them forever, an explicit choice: the journal holds personal data (names,
   * e-mails, phones, addresses), and keeping it forever is not a default. 90 days covers a
   * quarter's disputes over attribution and a sender's resends. Queued and failed ones are kept
   * whatever their age.
   */
  @IntVariable(
    'days a settled submission stays in the journal; `0` keeps it forever, an explicit opt-in',
    { min: 0 },
  )
  INGEST_RETENTION_DAYS = 90;

  /** Attempts at a queued submission before it is left FAILED (reprocessRawLead still can). */
  @IntVariable('attempts at a queued submission before it is left `FAILED`', { min: 1, max: 100 })
  INGEST_MAX_ATTEMPTS = 8;

  override settle(read: ReadSlice): string | undefined {
    // A submission the route accepts but the day's budget never could would be refused (429)
    // every day.
    const largest = maxStoredBytes(this.INGEST_BODY_LIMIT_BYTES);
    if (read(RateLimitConfig).INGEST_COMPANY_BYTES_PER_DAY < largest)
      return `INGEST_COMPANY_BYTES_PER_DAY must be at least what the largest submission (INGEST_BODY_LIMIT_BYTES) is charged: ${largest}`;
    // A resend waiting out the first request must give up before that request's lease runs out,
    // or another instance could take the same submission over while it still waits.
    if (this.INGEST_IDEMPOTENCY_WAIT_MS >= this.INGEST_LEASE_SECONDS * 1000)
      return 'INGEST_IDEMPOTENCY_WAIT_MS must be below INGEST_LEASE_SECONDS';
    return undefined;
  }
}
