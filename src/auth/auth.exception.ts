import { FeatureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons } from '../common/errors/error-reasons.js';

export enum AuthReason {
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  MISSING_ACCESS_TOKEN = 'MISSING_ACCESS_TOKEN',
  INVALID_ACCESS_TOKEN = 'INVALID_ACCESS_TOKEN',
  INVALID_REFRESH_TOKEN = 'INVALID_REFRESH_TOKEN',
  /** The caller's role, API key scopes or kind do not allow the action. */
  NOT_PERMITTED = 'NOT_PERMITTED',
  /** A SALES_REP changing a record assigned to someone else. */
  NOT_ASSIGNED = 'NOT_ASSIGNED',
  /** An API key or background work calling what only a person may do. */
  USER_REQUIRED = 'USER_REQUIRED',
}

export const AUTH_REASONS = declareReasons<AuthReason>('auth', {
  [AuthReason.INVALID_CREDENTIALS]: ErrorCode.UNAUTHENTICATED,
  [AuthReason.MISSING_ACCESS_TOKEN]: ErrorCode.UNAUTHENTICATED,
  [AuthReason.INVALID_ACCESS_TOKEN]: ErrorCode.UNAUTHENTICATED,
  [AuthReason.INVALID_REFRESH_TOKEN]: ErrorCode.UNAUTHENTICATED,
  [AuthReason.NOT_PERMITTED]: ErrorCode.FORBIDDEN,
  [AuthReason.NOT_ASSIGNED]: ErrorCode.FORBIDDEN,
  [AuthReason.USER_REQUIRED]: ErrorCode.FORBIDDEN,
});

export class AuthException extends FeatureException<AuthReason> {
  constructor(reason: AuthReason, message: string) {
    super(AUTH_REASONS, reason, message);
  }
}
