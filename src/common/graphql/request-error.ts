import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors/error-code.js';
import type { CommonReason } from '../errors/error-reasons.js';

/** The extensions of a request the server refuses as it stands (BAD_USER_INPUT, HTTP 400). */
export function refusalExtensions(
  reason: CommonReason,
  details: Record<string, number> = {},
): Record<string, unknown> {
  return { code: ErrorCode.BAD_USER_INPUT, reason, ...details };
}

/** A refusal raised by a plugin before execution, where no resolver's error mapping applies. */
export function requestError(
  message: string,
  reason: CommonReason,
  details: Record<string, number> = {},
): GraphQLError {
  return new GraphQLError(message, {
    extensions: { ...refusalExtensions(reason, details), http: { status: 400 } },
  });
}
