import { featureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons, type ReasonOf } from '../common/errors/error-reasons.js';

export const LeadReason = declareReasons('leads', {
  /** A live lead of the company has this e-mail; `extensions.existingLeadId` names it. */
  EMAIL_TAKEN: ErrorCode.CONFLICT,
  BATCH_SIZE_OUT_OF_RANGE: ErrorCode.BAD_USER_INPUT,
});
export type LeadReason = ReasonOf<typeof LeadReason>;

export class LeadException extends featureException(LeadReason) {
  /** Field errors, in the shape BAD_USER_INPUT always has (`extensions.fields`). */
  static forFields(
    reason: LeadReason,
    message: string,
    fields: Record<string, string[]>,
  ): LeadException {
    return new LeadException(reason, message, { fields });
  }
}

/** The unique index behind LeadReason.EMAIL_TAKEN (migration 0002). */
export const LEAD_EMAIL_INDEX = 'leads_email_live';
