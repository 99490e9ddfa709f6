import { FeatureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons } from '../common/errors/error-reasons.js';

export enum NotificationReason {
  /** The user already holds SOCKETS_PER_USER sockets on this instance. */
  TOO_MANY_SOCKETS = 'TOO_MANY_SOCKETS',
  /** The client IP already holds SOCKET_MAX_PENDING_PER_IP websockets not yet admitted. */
  TOO_MANY_PENDING_SOCKETS = 'TOO_MANY_PENDING_SOCKETS',
}

export const NOTIFICATION_REASONS = declareReasons<NotificationReason>('notifications', {
  [NotificationReason.TOO_MANY_SOCKETS]: ErrorCode.RATE_LIMITED,
  [NotificationReason.TOO_MANY_PENDING_SOCKETS]: ErrorCode.RATE_LIMITED,
});

export class NotificationException extends FeatureException<NotificationReason> {
  constructor(reason: NotificationReason, message: string) {
    super(NOTIFICATION_REASONS, reason, message);
  }
}
