import { featureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons, type ReasonOf } from '../common/errors/error-reasons.js';

/** Why a record cannot be given to the user asked for (leads, deals, tasks alike). */
export const AssignmentReason = declareReasons('assignments', {
  /** A SALES_REP's records are theirs (an API key's nobody's): not given away, not handed over. */
  ASSIGNMENT_NOT_ALLOWED: ErrorCode.FORBIDDEN,
  /** An assignee that is not an active user of the company. */
  UNKNOWN_ASSIGNEE: ErrorCode.BAD_USER_INPUT,
});
export type AssignmentReason = ReasonOf<typeof AssignmentReason>;

export class AssignmentException extends featureException(AssignmentReason) {
  /** UNKNOWN_ASSIGNEE with a message per field. */
  static unknown(message: string, fields: Record<string, string[]>): AssignmentException {
    return new AssignmentException(AssignmentReason.UNKNOWN_ASSIGNEE, message, { fields });
  }
}
