import { FeatureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons } from '../common/errors/error-reasons.js';

export enum CommentReason {
  /** Only its author, or an ADMIN, removes a comment. */
  NOT_AUTHOR = 'NOT_AUTHOR',
}

export const COMMENT_REASONS = declareReasons<CommentReason>('comments', {
  [CommentReason.NOT_AUTHOR]: ErrorCode.FORBIDDEN,
});

export class CommentException extends FeatureException<CommentReason> {
  constructor(reason: CommentReason, message: string) {
    super(COMMENT_REASONS, reason, message);
  }
}
