import { registerEnumType } from '@nestjs/graphql';

/**
 * What became of a submission. RECEIVED while it is being written up; then one of the outcomes, or
 * QUEUED for the reprocessor, which ends it PROCESSED, MERGED or, after its last attempt, FAILED.
 */
export enum RawLeadStatus {
  RECEIVED = 'RECEIVED',
  /** A new lead was created from it. */
  PROCESSED = 'PROCESSED',
  /** Its e-mail was already a lead's: linked to that lead, whose empty fields it filled. */
  MERGED = 'MERGED',
  /** A resend of an earlier submission with the same Idempotency-Key: that one's lead. */
  DUPLICATE = 'DUPLICATE',
  /** A JSON object without a usable e-mail, or an Idempotency-Key reused for another payload. */
  REJECTED = 'REJECTED',
  /** Not a JSON object. */
  INVALID = 'INVALID',
  QUEUED = 'QUEUED',
  FAILED = 'FAILED',
}

registerEnumType(RawLeadStatus, { name: 'RawLeadStatus' });
