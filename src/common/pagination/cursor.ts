import { BadUserInputException } from '../errors/app.exception.js';

/** Opaque keyset cursor: the sort key values of the last row seen, ending with its id. */
export type CursorValues = readonly (string | number | null)[];

export function encodeCursor(values: CursorValues): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): CursorValues {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === arity &&
      parsed.every((v) => v === null || typeof v === 'string' || typeof v === 'number')
    ) {
      return parsed as CursorValues;
    }
  } catch {
    // fall through to the client error below
  }
  throw BadUserInputException.forField('after', 'after is not a valid cursor');
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw BadUserInputException.forField('first', `first must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}
