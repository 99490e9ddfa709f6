import { featureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons, type ReasonOf } from '../common/errors/error-reasons.js';

export const CommentReason = declareReasons('comments', {
  /** Only its author, or an ADMIN, removes a comment. */
  NOT_AUTHOR: ErrorCode.FORBIDDEN,
});
export type CommentReason = ReasonOf<typeof CommentReason>;

export class CommentException extends featureException(CommentReason) {}
