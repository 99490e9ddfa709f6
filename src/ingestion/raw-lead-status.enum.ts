import { graphqlEnum, type EnumValue } from '../common/graphql/graphql-enum.js';

/**
 * What became of a submission. RECEIVED while it is being written up; then one of the outcomes, or
 * QUEUED for the reprocessor, which ends it PROCESSED, MERGED or, after its last attempt, FAILED.
 */
export const RawLeadStatus = graphqlEnum(
  'RawLeadStatus',
  'What became of a submission to POST /api/lead.',
  {
    RECEIVED: 'Stored, being written up.',
    PROCESSED: 'A new lead was created from it.',
    MERGED: 'Its e-mail was already a lead’s: linked to that lead, whose empty fields it filled.',
    DUPLICATE: 'A resend of an earlier submission with the same Idempotency-Key: that one’s lead.',
    REJECTED:
      'A JSON object without a usable e-mail, or an Idempotency-Key reused for another payload.',
    INVALID: 'Not a JSON object.',
    QUEUED: 'Processing failed; it will be tried again (see error, attempts).',
    FAILED: 'Its last attempt failed; an ADMIN may reprocessRawLead it.',
  },
);
export type RawLeadStatus = EnumValue<typeof RawLeadStatus>;
