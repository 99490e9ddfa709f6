import { FeatureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons } from '../common/errors/error-reasons.js';

export enum NotificationReason {
  /** The user already holds SOCKETS_PER_USER sockets on this instance. */
  TOO_MANY_SOCKETS = 'TOO_MANY_SOCKETS',
  /** The client IP already holds SOCKET_MAX_PENDING_PER_IP websockets not yet admitted. */
  TOO_MANY_PENDING_SOCKETS = 'TOO_MANY_PENDING_SOCKETS',
  /** A browser's Origin that is not one of CORS_ORIGINS. */
  ORIGIN_NOT_ALLOWED = 'ORIGIN_NOT_ALLOWED',
  /**
   * A request naming an engine.io session (`sid`): with websocket transport only, no request
   * ever joins a session that is already open.
   */
  SESSION_ID_NOT_ACCEPTED = 'SESSION_ID_NOT_ACCEPTED',
}

export const NOTIFICATION_REASONS = declareReasons<NotificationReason>('notifications', {
  [NotificationReason.TOO_MANY_SOCKETS]: ErrorCode.RATE_LIMITED,
  [NotificationReason.TOO_MANY_PENDING_SOCKETS]: ErrorCode.RATE_LIMITED,
  [NotificationReason.ORIGIN_NOT_ALLOWED]: ErrorCode.FORBIDDEN,
  [NotificationReason.SESSION_ID_NOT_ACCEPTED]: ErrorCode.BAD_USER_INPUT,
});

export class NotificationException extends FeatureException<NotificationReason> {
  constructor(reason: NotificationReason, message: string) {
    super(NOTIFICATION_REASONS, reason, message);
  }
}
