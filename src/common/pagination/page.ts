import type { ConnectionShape } from './connection.type.js';

/** One keyset page: the rows asked for, and whether another page follows. */
export interface Page<T> {
  rows: T[];
  hasNextPage: boolean;
  cursorOf: (row: T) => string;
}

/** Repositories fetch `limit + 1` rows; the extra one only tells that a next page exists. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => string): Page<T> {
  return { rows: rows.slice(0, limit), hasNextPage: rows.length > limit, cursorOf };
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
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    get totalCount() {
      return (counted ??= count());
    },
  };
}
