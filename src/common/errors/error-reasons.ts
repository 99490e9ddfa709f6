import { ErrorCode } from './error-code.js';

/** A feature's reasons, each under the one code it is always answered with. */
export type ReasonCodes<R extends string> = Readonly<Record<R, ErrorCode>>;

const features = new Map<string, ReasonCodes<string>>();

/**
 * Declares a feature's reasons (docs/architecture.md lists them all). The table is exhaustive over the
 * feature's enum, so a new reason cannot be added without its code.
 */
export function declareReasons<R extends string>(
  feature: string,
  codes: ReasonCodes<R>,
): ReasonCodes<R> {
  features.set(feature, codes);
  return codes;
}

/** Every declared reason, by feature, as the Markdown table docs/architecture.md carries. */
export function reasonTableMarkdown(): string {
  const rows = [...features.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([feature, codes]) =>
      Object.entries(codes).map(([reason, code]) => `| ${feature} | \`${reason}\` | ${code} |`),
    );
  return ['| feature | reason | code |', '|---|---|---|', ...rows].join('\n');
}

/** Reasons of the platform itself: input, paging, queries, limits. */
export enum CommonReason {
  AUTHENTICATION_REQUIRED = 'AUTHENTICATION_REQUIRED',
  NOT_FOUND = 'NOT_FOUND',
  INVALID_INPUT = 'INVALID_INPUT',
  INVALID_CURSOR = 'INVALID_CURSOR',
  CURSOR_ORDER_MISMATCH = 'CURSOR_ORDER_MISMATCH',
  UNSTORABLE_TEXT = 'UNSTORABLE_TEXT',
  INVALID_QUERY = 'INVALID_QUERY',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** A query whose answer would pass GRAPHQL_MAX_ANSWER_BYTES: ask for less, or use an export. */
  ANSWER_TOO_LARGE = 'ANSWER_TOO_LARGE',
  ACCESS_DENIED = 'ACCESS_DENIED',
  RATE_LIMITED = 'RATE_LIMITED',
  /** No pooled database connection came free in time: retry shortly. */
  DATABASE_BUSY = 'DATABASE_BUSY',
  /** A statement ran past its timeout and was stopped. */
  QUERY_TIMEOUT = 'QUERY_TIMEOUT',
  INTERNAL = 'INTERNAL',
}

export const COMMON_REASONS = declareReasons<CommonReason>('common', {
  [CommonReason.AUTHENTICATION_REQUIRED]: ErrorCode.UNAUTHENTICATED,
  [CommonReason.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [CommonReason.INVALID_INPUT]: ErrorCode.BAD_USER_INPUT,
  [CommonReason.INVALID_CURSOR]: ErrorCode.BAD_USER_INPUT,
  [CommonReason.CURSOR_ORDER_MISMATCH]: ErrorCode.BAD_USER_INPUT,
  [CommonReason.UNSTORABLE_TEXT]: ErrorCode.BAD_USER_INPUT,
  [CommonReason.INVALID_QUERY]: ErrorCode.BAD_USER_INPUT,
  [CommonReason.QUERY_TOO_COMPLEX]: ErrorCode.BAD_USER_INPUT,
  [CommonReason.PAYLOAD_TOO_LARGE]: ErrorCode.BAD_USER_INPUT,
  [CommonReason.ANSWER_TOO_LARGE]: ErrorCode.BAD_USER_INPUT,
  [CommonReason.ACCESS_DENIED]: ErrorCode.FORBIDDEN,
  [CommonReason.RATE_LIMITED]: ErrorCode.RATE_LIMITED,
  [CommonReason.DATABASE_BUSY]: ErrorCode.INTERNAL_SERVER_ERROR,
  [CommonReason.QUERY_TIMEOUT]: ErrorCode.INTERNAL_SERVER_ERROR,
  [CommonReason.INTERNAL]: ErrorCode.INTERNAL_SERVER_ERROR,
});
