import { ErrorCode } from './error-code.js';

/** A feature's reasons, each under the one code it is always answered with. */
export type ReasonCodes<R extends string> = Readonly<Record<R, ErrorCode>>;

/** A feature's reasons as values: each its own name, so `AuthReason.NOT_PERMITTED` reads as before. */
export type Reasons<R extends string> = { readonly [K in R]: K };

/** The union of a feature's reasons: `ReasonOf<typeof AuthReason>`. */
export type ReasonOf<T extends Reasons<string>> = T[keyof T];

const features = new Map<string, ReasonCodes<string>>();
const codesByReasons = new WeakMap<Reasons<string>, ReasonCodes<string>>();

/**
 * Declares a feature's reasons with their codes (docs/architecture.md lists them all) and returns
 * the reasons themselves, so that the one table is both the names and their codes.
 */
export function declareReasons<C extends Record<string, ErrorCode>>(
  feature: string,
  codes: C,
): { readonly [K in keyof C]: K } {
  const table: ReasonCodes<string> = Object.freeze({ ...codes });
  const reasons: Reasons<string> = Object.freeze(
    Object.fromEntries(Object.keys(table).map((reason) => [reason, reason])),
  );
  features.set(feature, table);
  codesByReasons.set(reasons, table);
  return reasons as { readonly [K in keyof C]: K };
}

/** The codes of reasons declareReasons returned. */
export function reasonCodes<R extends string>(reasons: Reasons<R>): ReasonCodes<R> {
  const codes = codesByReasons.get(reasons);
  if (!codes) throw new Error('Reasons not made by declareReasons');
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
export const CommonReason = declareReasons('common', {
  AUTHENTICATION_REQUIRED: ErrorCode.UNAUTHENTICATED,
  NOT_FOUND: ErrorCode.NOT_FOUND,
  INVALID_INPUT: ErrorCode.BAD_USER_INPUT,
  INVALID_CURSOR: ErrorCode.BAD_USER_INPUT,
  CURSOR_ORDER_MISMATCH: ErrorCode.BAD_USER_INPUT,
  UNSTORABLE_TEXT: ErrorCode.BAD_USER_INPUT,
  INVALID_QUERY: ErrorCode.BAD_USER_INPUT,
  QUERY_TOO_COMPLEX: ErrorCode.BAD_USER_INPUT,
  PAYLOAD_TOO_LARGE: ErrorCode.BAD_USER_INPUT,
  /** A query whose answer would pass GRAPHQL_MAX_ANSWER_BYTES: ask for less, or use an export. */
  ANSWER_TOO_LARGE: ErrorCode.BAD_USER_INPUT,
  ACCESS_DENIED: ErrorCode.FORBIDDEN,
  RATE_LIMITED: ErrorCode.RATE_LIMITED,
  /** No pooled database connection came free in time: retry shortly. */
  DATABASE_BUSY: ErrorCode.INTERNAL_SERVER_ERROR,
  /** PostgreSQL cannot be reached, or ended the session (a restart): retry shortly. */
  DATABASE_UNAVAILABLE: ErrorCode.INTERNAL_SERVER_ERROR,
  /** A statement ran past its timeout and was stopped. */
  QUERY_TIMEOUT: ErrorCode.INTERNAL_SERVER_ERROR,
  INTERNAL: ErrorCode.INTERNAL_SERVER_ERROR,
});
export type CommonReason = ReasonOf<typeof CommonReason>;
