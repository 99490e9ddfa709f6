import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../errors/error-code.js';

// Apollo's own codes for errors raised before a resolver runs; clients see them as BAD_USER_INPUT.
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Last stop before an error leaves the server. Anything without one of our codes is internal; in
 * production its message and any stack trace are replaced.
 */
export function formatGraphQLError(production: boolean) {
  const known = new Set<string>(Object.values(ErrorCode));
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const raw = formatted.extensions?.code;
    const code =
      typeof raw === 'string' && REQUEST_ERROR_CODES.has(raw) ? ErrorCode.BAD_USER_INPUT : raw;
    if (
      typeof code === 'string' &&
      known.has(code) &&
      code !== String(ErrorCode.INTERNAL_SERVER_ERROR)
    ) {
      // A client error's stack trace tells the client nothing and tells an attacker something.
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: { ...extensions, code } };
    }
    if (production) {
      return {
        message: 'Internal server error',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
      };
    }
    return {
      ...formatted,
      extensions: { ...formatted.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
