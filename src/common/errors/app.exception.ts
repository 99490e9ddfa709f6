import { ErrorCode } from './error-code.js';
import { CommonReason, reasonCodes, type Reasons } from './error-reasons.js';

/**
 * A failure the client caused or may act on: a code clients switch on and a reason that refines
 * it. Mapped to GraphQL/HTTP errors in error-mapper.ts only.
 */
export abstract class AppException extends Error {
  abstract readonly code: ErrorCode;
  /** The HTTP status when it is not the code's usual one (503 for a busy database). */
  readonly httpStatus?: number;

  constructor(
    message: string,
    readonly reason: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The base of a feature's exception class: the reason decides the code, through the feature's
 * table (declareReasons), whose entries carry each reason's doc comment.
 *
 * ```ts
 * export const LeadReason = declareReasons('leads', {
 *   EMAIL_TAKEN: ErrorCode.CONFLICT,
 *   BATCH_SIZE_OUT_OF_RANGE: ErrorCode.BAD_USER_INPUT,
 * });
 * export type LeadReason = ReasonOf<typeof LeadReason>;
 * export class LeadException extends featureException(LeadReason) {}
 * ```
 */
export function featureException<R extends string>(reasons: Reasons<R>) {
  const codes = reasonCodes(reasons);

  abstract class FeatureException extends AppException {
    readonly code: ErrorCode;
    declare readonly reason: R;

    constructor(reason: R, message: string, extensions: Record<string, unknown> = {}) {
      super(message, reason, extensions);
      this.code = codes[reason];
    }
  }
  return FeatureException;
}

export class UnauthenticatedException extends AppException {
  readonly code = ErrorCode.UNAUTHENTICATED;
  constructor(
    message = 'Authentication required',
    reason: CommonReason = CommonReason.AUTHENTICATION_REQUIRED,
  ) {
    super(message, reason);
  }
}

export class ForbiddenException extends AppException {
  readonly code = ErrorCode.FORBIDDEN;
  constructor(
    message = 'You are not allowed to do this',
    reason: CommonReason = CommonReason.ACCESS_DENIED,
  ) {
    super(message, reason);
  }
}

/** Also what a record of another company looks like to a mutation: indistinguishable from missing. */
export class NotFoundException extends AppException {
  readonly code = ErrorCode.NOT_FOUND;
  constructor(entity: string, id?: string) {
    super(id ? `${entity} ${id} not found` : `${entity} not found`, CommonReason.NOT_FOUND);
  }
}

/** Field path → messages, e.g. `{ email: ['email must be an email'] }`. */
export type FieldErrors = Record<string, string[]>;

export class BadUserInputException extends AppException {
  readonly code = ErrorCode.BAD_USER_INPUT;
  constructor(
    message: string,
    readonly fields: FieldErrors = {},
    reason: CommonReason = CommonReason.INVALID_INPUT,
  ) {
    super(message, reason, { fields });
  }

  static forField(
    field: string,
    message: string,
    reason: CommonReason = CommonReason.INVALID_INPUT,
  ): BadUserInputException {
    return new BadUserInputException(message, { [field]: [message] }, reason);
  }
}

const UNAVAILABLE_MESSAGES = {
  [CommonReason.DATABASE_BUSY]: 'The database is busy; retry shortly',
  [CommonReason.DATABASE_UNAVAILABLE]: 'The database cannot be reached; retry shortly',
  [CommonReason.QUERY_TIMEOUT]: 'The database took too long to answer; retry shortly',
} as const;

/**
 * The server cannot answer now, and says so plainly: no pooled connection came free, PostgreSQL
 * cannot be reached, or a statement ran out of time. Answered 503; retrying later may work.
 */
export class UnavailableException extends AppException {
  readonly code = ErrorCode.INTERNAL_SERVER_ERROR;
  override readonly httpStatus = 503;
  constructor(reason: keyof typeof UNAVAILABLE_MESSAGES) {
    super(UNAVAILABLE_MESSAGES[reason], reason);
  }
}

export class RateLimitedException extends AppException {
  readonly code = ErrorCode.RATE_LIMITED;
  constructor(readonly retryAfterSeconds?: number) {
    super(
      'Too many requests, slow down',
      CommonReason.RATE_LIMITED,
      retryAfterSeconds ? { retryAfter: retryAfterSeconds } : {},
    );
  }
}
