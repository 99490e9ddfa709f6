import { FeatureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons } from '../common/errors/error-reasons.js';

export enum UserReason {
  /** Another user (of any company: login is by e-mail alone) has this e-mail. */
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  /** The change would leave the company without an active ADMIN. */
  LAST_ADMIN = 'LAST_ADMIN',
  SELF_DEACTIVATION = 'SELF_DEACTIVATION',
}

export const USER_REASONS = declareReasons<UserReason>('users', {
  [UserReason.EMAIL_TAKEN]: ErrorCode.CONFLICT,
  [UserReason.LAST_ADMIN]: ErrorCode.CONFLICT,
  [UserReason.SELF_DEACTIVATION]: ErrorCode.CONFLICT,
});

export class UserException extends FeatureException<UserReason> {
  constructor(reason: UserReason, message: string, extensions?: Record<string, unknown>) {
    super(USER_REASONS, reason, message, extensions);
  }
}

/** The unique index behind UserReason.EMAIL_TAKEN (migration 0001). */
export const USER_EMAIL_INDEX = 'users_email_unique';
