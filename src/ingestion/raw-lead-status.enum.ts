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

registerEnumType(RawLeadStatus, {
  name: 'RawLeadStatus',
  description: 'What became of a submission to POST /api/lead.',
  valuesMap: {
    RECEIVED: { description: 'Stored, being written up.' },
    PROCESSED: { description: 'A new lead was created from it.' },
    MERGED: {
      description:
        'Its e-mail was already a lead’s: linked to that lead, whose empty fields it filled.',
    },
    DUPLICATE: {
      description:
        'A resend of an earlier submission with the same Idempotency-Key: that one’s lead.',
    },
    REJECTED: {
      description:
        'A JSON object without a usable e-mail, or an Idempotency-Key reused for another payload.',
    },
    INVALID: { description: 'Not a JSON object.' },
    QUEUED: { description: 'Processing failed; it will be tried again (see error, attempts).' },
    FAILED: { description: 'Its last attempt failed; an ADMIN may reprocessRawLead it.' },
  },
});
