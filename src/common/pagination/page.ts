import type { ConnectionShape } from './connection.type.js';

/** One keyset page: the rows asked for, and whether pages precede and follow it. */
export interface Page<T> {
  rows: T[];
  hasNextPage: boolean;
  /** Whether the page was asked for after a cursor: see PageInfo.hasPreviousPage. */
  hasPreviousPage: boolean;
  cursorOf: (row: T) => string;
}

/**
 * Repositories fetch `limit + 1` rows; the extra one only tells that a next page exists. `after`
 * is the client's cursor as given (an empty one reads as none, as the services read it).
 */
export function toPage<T>(
  rows: T[],
  limit: number,
  cursorOf: (row: T) => string,
  after: string | null | undefined,
): Page<T> {
  return {
    rows: rows.slice(0, limit),
    hasNextPage: rows.length > limit,
    hasPreviousPage: Boolean(after),
    cursorOf,
  };
}

/**
 * Edges and page info, and a `totalCount` that runs `count` only when a client selects it: the
 * field's resolver reads the getter, and an unselected field is never read. Return the object
 * itself; spreading it would read the getter.
 */
export function toConnection<T, N>(
  page: Page<T>,
  map: (row: T) => N,
  count: () => Promise<number>,
): ConnectionShape<N> {
  const edges = page.rows.map((row) => ({ cursor: page.cursorOf(row), node: map(row) }));
  let counted: Promise<number> | undefined;
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges.at(0)?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    get totalCount() {
      return (counted ??= count());
    },
  };
}
