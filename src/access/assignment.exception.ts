import { FeatureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons } from '../common/errors/error-reasons.js';

/** Why a record cannot be given to the user asked for (leads, deals, tasks alike). */
export enum AssignmentReason {
  /** A SALES_REP's records are theirs (an API key's nobody's): not given away, not handed over. */
  ASSIGNMENT_NOT_ALLOWED = 'ASSIGNMENT_NOT_ALLOWED',
  /** An assignee that is not an active user of the company. */
  UNKNOWN_ASSIGNEE = 'UNKNOWN_ASSIGNEE',
}

export const ASSIGNMENT_REASONS = declareReasons<AssignmentReason>('assignments', {
  [AssignmentReason.ASSIGNMENT_NOT_ALLOWED]: ErrorCode.FORBIDDEN,
  [AssignmentReason.UNKNOWN_ASSIGNEE]: ErrorCode.BAD_USER_INPUT,
});

export class AssignmentException extends FeatureException<AssignmentReason> {
  constructor(reason: AssignmentReason, message: string, extensions?: Record<string, unknown>) {
    super(ASSIGNMENT_REASONS, reason, message, extensions);
  }

  /** UNKNOWN_ASSIGNEE with a message per field. */
  static unknown(message: string, fields: Record<string, string[]>): AssignmentException {
    return new AssignmentException(AssignmentReason.UNKNOWN_ASSIGNEE, message, { fields });
  }
}
