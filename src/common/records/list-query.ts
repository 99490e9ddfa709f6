import type { Readable } from 'node:stream';
import type { SortDirection } from '../graphql/sort-direction.enum.js';
import type { CursorValues } from '../pagination/cursor.js';
import type { Keyset } from '../pagination/keyset.js';

/** One page's worth of a list, as a repository runs it: always within one company. */
export interface ListQuery<Filter, Field extends string> {
  companyId: string;
  filter: Filter;
  orderBy: Field;
  direction: SortDirection;
  limit: number;
  after?: CursorValues;
}

/** What a repository's list offers (database/record-list.ts builds one from a declaration). */
export interface ListSourceOf<Row extends { id: string }, Filter, Field extends string> {
  keyset(field: Field, direction: SortDirection): Keyset<Row>;
  page(query: ListQuery<Filter, Field>): Promise<Row[]>;
  count(companyId: string, filter: Filter): Promise<number>;
  copyCsv(
    query: Omit<ListQuery<Filter, Field>, 'limit' | 'after'>,
    owner: string,
  ): Promise<Readable>;
}
