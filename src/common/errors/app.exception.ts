import { ErrorCode } from './error-code.js';

/** A failure the client caused or may act on; mapped to GraphQL/HTTP errors in error-mapper.ts only. */
export abstract class AppException extends Error {
  abstract readonly code: ErrorCode;

  constructor(
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthenticatedException extends AppException {
  readonly code = ErrorCode.UNAUTHENTICATED;
  constructor(message = 'Authentication required') {
    super(message);
  }
}

export class ForbiddenException extends AppException {
  readonly code = ErrorCode.FORBIDDEN;
  constructor(message = 'You are not allowed to do this') {
    super(message);
  }
}

/** Also what a record of another company looks like to a mutation: indistinguishable from missing. */
export class NotFoundException extends AppException {
  readonly code = ErrorCode.NOT_FOUND;
  constructor(entity: string, id?: string) {
    super(id ? `${entity} ${id} not found` : `${entity} not found`);
  }
}

/** Field path → messages, e.g. `{ email: ['email must be an email'] }`. */
export type FieldErrors = Record<string, string[]>;

export class BadUserInputException extends AppException {
  readonly code = ErrorCode.BAD_USER_INPUT;
  constructor(
    message: string,
    readonly fields: FieldErrors = {},
  ) {
    super(message, { fields });
  }

  static forField(field: string, message: string): BadUserInputException {
    return new BadUserInputException(message, { [field]: [message] });
  }
}

export class ConflictException extends AppException {
  readonly code = ErrorCode.CONFLICT;
}

export class RateLimitedException extends AppException {
  readonly code = ErrorCode.RATE_LIMITED;
  constructor(readonly retryAfterSeconds?: number) {
    super(
      'Too many requests, slow down',
      retryAfterSeconds ? { retryAfter: retryAfterSeconds } : {},
    );
  }
}
