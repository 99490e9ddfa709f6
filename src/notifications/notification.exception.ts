import { featureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons, type ReasonOf } from '../common/errors/error-reasons.js';

export const NotificationReason = declareReasons('notifications', {
  /** The user already holds SOCKETS_PER_USER sockets on this instance. */
  TOO_MANY_SOCKETS: ErrorCode.RATE_LIMITED,
  /** The client IP already holds SOCKET_MAX_PENDING_PER_IP websockets not yet admitted. */
  TOO_MANY_PENDING_SOCKETS: ErrorCode.RATE_LIMITED,
  /** A browser's Origin that is not one of CORS_ORIGINS. */
  ORIGIN_NOT_ALLOWED: ErrorCode.FORBIDDEN,
  /**
   * A request naming an engine.io session (`sid`): with websocket transport only, no request
   * ever joins a session that is already open.
   */
  SESSION_ID_NOT_ACCEPTED: ErrorCode.BAD_USER_INPUT,
});
export type NotificationReason = ReasonOf<typeof NotificationReason>;

export class NotificationException extends featureException(NotificationReason) {}
