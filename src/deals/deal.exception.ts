import { FeatureException } from '../common/errors/app.exception.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { declareReasons } from '../common/errors/error-reasons.js';

export enum DealReason {
  /** A SALES_REP's deals are theirs: they neither give one away nor take another's. */
  ASSIGNMENT_NOT_ALLOWED = 'ASSIGNMENT_NOT_ALLOWED',
  /** An assignee that is not an active user of the company. */
  UNKNOWN_ASSIGNEE = 'UNKNOWN_ASSIGNEE',
}

export const DEAL_REASONS = declareReasons<DealReason>('deals', {
  [DealReason.ASSIGNMENT_NOT_ALLOWED]: ErrorCode.FORBIDDEN,
  [DealReason.UNKNOWN_ASSIGNEE]: ErrorCode.BAD_USER_INPUT,
});

export class DealException extends FeatureException<DealReason> {
  constructor(reason: DealReason, message: string, extensions?: Record<string, unknown>) {
    super(DEAL_REASONS, reason, message, extensions);
  }
}
