import { FeatureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons } from '../common/errors/error-reasons.js';

export enum LeadReason {
  /** A live lead of the company has this e-mail; `extensions.existingLeadId` names it. */
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  BATCH_SIZE_OUT_OF_RANGE = 'BATCH_SIZE_OUT_OF_RANGE',
}

export const LEAD_REASONS = declareReasons<LeadReason>('leads', {
  [LeadReason.EMAIL_TAKEN]: ErrorCode.CONFLICT,
  [LeadReason.BATCH_SIZE_OUT_OF_RANGE]: ErrorCode.BAD_USER_INPUT,
});

export class LeadException extends FeatureException<LeadReason> {
  constructor(reason: LeadReason, message: string, extensions?: Record<string, unknown>) {
    super(LEAD_REASONS, reason, message, extensions);
  }

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
