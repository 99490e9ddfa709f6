import { featureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons, type ReasonOf } from '../common/errors/error-reasons.js';

export const AuthReason = declareReasons('auth', {
  INVALID_CREDENTIALS: ErrorCode.UNAUTHENTICATED,
  MISSING_ACCESS_TOKEN: ErrorCode.UNAUTHENTICATED,
  INVALID_ACCESS_TOKEN: ErrorCode.UNAUTHENTICATED,
  INVALID_REFRESH_TOKEN: ErrorCode.UNAUTHENTICATED,
  /** The caller's role, API key scopes or kind do not allow the action. */
  NOT_PERMITTED: ErrorCode.FORBIDDEN,
  /** A SALES_REP changing a record assigned to someone else. */
  NOT_ASSIGNED: ErrorCode.FORBIDDEN,
  /** An API key or background work calling what only a person may do. */
  USER_REQUIRED: ErrorCode.FORBIDDEN,
});
export type AuthReason = ReasonOf<typeof AuthReason>;

export class AuthException extends featureException(AuthReason) {}
