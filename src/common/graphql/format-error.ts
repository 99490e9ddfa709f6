import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppException } from '../errors/app.exception.js';
import { ErrorCode } from '../errors/error-code.js';
import { mapError } from '../errors/error-mapper.js';
import { CommonReason } from '../errors/error-reasons.js';
import { reportServerFault } from '../errors/server-faults.js';

// Apollo's own codes for errors raised before a resolver runs; clients see them as BAD_USER_INPUT.
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** What was thrown, under the GraphQLErrors that located and mapped it. */
function innermost(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError) current = current.originalError;
  return current;
}

/** graphql-js gives up on variables with too many wrong values, with no code of its own. */
const VARIABLES_ABORTED = /^Too many errors processing variables/;

/** graphql-armor words its refusals "… limit of N exceeded …". */
const LIMIT_EXCEEDED = /limit of \d+ exceeded/i;

/**
 * graphql-js suggests names close to a wrong one ("Did you mean …?"): a map of the schema for a
 * probing client when introspection is off. Cut here rather than by graphql-armor's plugin, which
 * rewrites every error's message in place — and compiled execution's errors are read-only.
 */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** The reason of an error raised by GraphQL or Apollo themselves (ours carry their own). */
function requestErrorReason(apolloCode: string, message: string): CommonReason {
  if (LIMIT_EXCEEDED.test(message)) return CommonReason.QUERY_TOO_COMPLEX;
  // Apollo's BAD_USER_INPUT: a variable or argument of the wrong type.
  return apolloCode === String(ErrorCode.BAD_USER_INPUT)
    ? CommonReason.INVALID_INPUT
    : CommonReason.INVALID_QUERY;
}

/**
 * Last stop before an error leaves the server. Anything without one of our codes is internal; in
 * production its message and any stack trace are replaced. Every error leaves with a reason.
 */
export function formatGraphQLError(production: boolean) {
  const known = new Set<string>(Object.values(ErrorCode));
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Nest's exception filters do not run for field resolvers: their domain errors arrive here raw.
    const original = innermost(error);
    if (original instanceof AppException) {
      const mapped = mapError(original);
      return {
        message: mapped.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { ...mapped.extensions, code: mapped.code, reason: mapped.reason },
      };
    }
    const raw = VARIABLES_ABORTED.test(formatted.message)
      ? 'BAD_REQUEST'
      : formatted.extensions?.code;
    const code =
      typeof raw === 'string' && REQUEST_ERROR_CODES.has(raw) ? ErrorCode.BAD_USER_INPUT : raw;
    if (
      typeof code === 'string' &&
      known.has(code) &&
      code !== String(ErrorCode.INTERNAL_SERVER_ERROR)
    ) {
      // A client error's stack trace tells the client nothing and tells an attacker something.
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      const reason =
        typeof extensions.reason === 'string'
          ? extensions.reason
          : requestErrorReason(String(raw), formatted.message);
      return {
        ...formatted,
        message: formatted.message.replace(SUGGESTION, ''),
        extensions: { ...extensions, code, reason },
      };
    }
    // A field resolver's error skips Nest's filter (and error-mapper): the server's fault all the same.
    reportServerFault({ error: original, source: 'request' });
    if (production) {
      return {
        message: 'Internal server error',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, reason: CommonReason.INTERNAL },
      };
    }
    return {
      ...formatted,
      extensions: {
        ...formatted.extensions,
        code: ErrorCode.INTERNAL_SERVER_ERROR,
        reason: CommonReason.INTERNAL,
      },
    };
  };
}
