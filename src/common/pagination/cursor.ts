import { BadUserInputException } from '../errors/app.exception.js';
import { CommonReason } from '../errors/error-reasons.js';

/** The sort key values of the last row seen, ending with its id. */
export type CursorValues = readonly (string | number)[];

/** The SQL types a sort key can have; each value of a cursor is checked against its column's. */
export type CursorValueType = 'timestamptz' | 'date' | 'numeric' | 'int' | 'text' | 'uuid';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const ISO_DATE = /^([1-9]\d{3}-\d{2}-\d{2}|infinity)$/;
const NUMERIC = /^-?\d{1,20}(\.\d{1,10})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// What PostgreSQL would fail to cast (a 500) is refused here, as a client error.
const VALID: Record<CursorValueType, (value: unknown) => boolean> = {
  // An instant, or the `infinity` an unset one sorts as (a task without a due time).
  timestamptz: (v) =>
    v === 'infinity' ||
    (typeof v === 'string' && ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v))),
  // A calendar day, or the `infinity` an unset date sorts as.
  date: (v) =>
    typeof v === 'string' && ISO_DATE.test(v) && (v === 'infinity' || !Number.isNaN(Date.parse(v))),
  numeric: (v) =>
    (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && NUMERIC.test(v)),
  // An int column compared as int: a numeric comparison would not use its index.
  int: (v) => Number.isSafeInteger(v) && Math.abs(v as number) <= 2_147_483_647,
  text: (v) => typeof v === 'string' && !v.includes('\u0000'),
  uuid: (v) => typeof v === 'string' && UUID.test(v),
};

/**
 * Opaque to clients: base64url of `[sort, ...values]`. The sort names the order the cursor was
 * made in, so a cursor of another order is refused rather than read as a position in this one.
 */
export function encodeCursor(sort: string, values: CursorValues): string {
  return Buffer.from(JSON.stringify([sort, ...values]), 'utf8').toString('base64url');
}

export function decodeCursor(
  cursor: string,
  sort: string,
  types: readonly CursorValueType[],
): CursorValues {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== types.length + 1) throw invalid();
  const [madeFor, ...values] = parsed as unknown[];
  if (madeFor !== sort)
    throw invalid('after is a cursor of another order', CommonReason.CURSOR_ORDER_MISMATCH);
  if (!values.every((value, i) => VALID[types[i]](value))) throw invalid();
  return values as CursorValues;
}

const invalid = (
  message = 'after is not a valid cursor',
  reason: CommonReason = CommonReason.INVALID_CURSOR,
): BadUserInputException => BadUserInputException.forField('after', message, reason);

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw BadUserInputException.forField('first', `first must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}
