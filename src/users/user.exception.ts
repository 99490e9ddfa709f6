import { featureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons, type ReasonOf } from '../common/errors/error-reasons.js';

export const UserReason = declareReasons('users', {
  /** Another user (of any company: login is by e-mail alone) has this e-mail. */
  EMAIL_TAKEN: ErrorCode.CONFLICT,
  /** The change would leave the company without an active ADMIN. */
  LAST_ADMIN: ErrorCode.CONFLICT,
  SELF_DEACTIVATION: ErrorCode.CONFLICT,
});
export type UserReason = ReasonOf<typeof UserReason>;

export class UserException extends featureException(UserReason) {}

/** The unique index behind UserReason.EMAIL_TAKEN (migration 0001). */
export const USER_EMAIL_INDEX = 'users_email_unique';
