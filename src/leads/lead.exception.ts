import { FeatureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons } from '../common/errors/error-reasons.js';

export enum LeadReason {
  /** A live lead of the company has this e-mail; `extensions.existingLeadId` names it. */
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  /** A SALES_REP's (or an API key's) new lead cannot be given to someone else. */
  ASSIGNMENT_NOT_ALLOWED = 'ASSIGNMENT_NOT_ALLOWED',
  /** An assignee that is not an active user of the company. */
  UNKNOWN_ASSIGNEE = 'UNKNOWN_ASSIGNEE',
  BATCH_SIZE_OUT_OF_RANGE = 'BATCH_SIZE_OUT_OF_RANGE',
}

export const LEAD_REASONS = declareReasons<LeadReason>('leads', {
  [LeadReason.EMAIL_TAKEN]: ErrorCode.CONFLICT,
  [LeadReason.ASSIGNMENT_NOT_ALLOWED]: ErrorCode.FORBIDDEN,
  [LeadReason.UNKNOWN_ASSIGNEE]: ErrorCode.BAD_USER_INPUT,
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
