import type { Keyset, SqlParams } from './keyset.js';

/** A keyset page of `table` narrowed by a text search; see searchPage. */
export interface SearchPageQuery<T extends { id: string }> {
  table: string;
  /** SELECT list of a whole row, over `table`'s columns. */
  columns: string;
  keyset: Keyset<T>;
  limit: number;
  /** How many rows, in sort order, to look through before turning to the search index. */
  probeRows: number;
  /** The columns the search predicate reads, so it can run over the probe window. */
  searchColumns: string;
  /** Everything but the search: tenant, filters and the cursor. */
  where: (params: SqlParams) => string;
  /** The search predicate. */
  match: (params: SqlParams) => string;
  /** A fresh parameter list per statement. */
  params: () => SqlParams;
  run: (sql: string, values: unknown[]) => Promise<T[]>;
}

/**
 * One page of a search. PostgreSQL cannot tell whether a term needs the search index (its
 * estimates of a LIKE or a prefix tsquery are guesses), so: a term matching many rows is found
 * among the first rows in sort order, and the next `probeRows` of them are looked through first
 * (reading only the sort keys, id and the searched columns: an index-only scan where the sort's
 * index holds them, as the leads' does); only when they hold
 * less than a page are all matches collected through the search index and sorted. Both give the
 * same rows: the probe window is a prefix of the ordered result.
 */
export async function searchPage<T extends { id: string }>(q: SearchPageQuery<T>): Promise<T[]> {
  const probed = await probe(q);
  return probed.length >= q.limit ? probed : searchAll(q);
}

function probe<T extends { id: string }>(q: SearchPageQuery<T>): Promise<T[]> {
  const params = q.params();
  const window = `SELECT id, ${q.searchColumns}, ${q.keyset.selectKeys()} FROM ${q.table} WHERE ${q.where(params)} ORDER BY ${q.keyset.orderBy()} LIMIT ${params.add(q.probeRows)}`;
  const from = `(${window}) AS w WHERE ${q.match(params)}`;
  return q.run(pageOfKeys(q, from, params), params.values);
}

/** MATERIALIZED keeps the planner from walking the sort's index instead, which for a rare term reads the whole company. */
function searchAll<T extends { id: string }>(q: SearchPageQuery<T>): Promise<T[]> {
  const params = q.params();
  const found = `SELECT id, ${q.keyset.selectKeys()} FROM ${q.table} WHERE ${q.where(params)} AND ${q.match(params)}`;
  return q.run(
    `WITH found AS MATERIALIZED (${found}) ${pageOfKeys(q, 'found', params)}`,
    params.values,
  );
}

/** The first `limit` rows of `from` (ids and sort keys, see Keyset.selectKeys), as whole rows. */
function pageOfKeys<T extends { id: string }>(
  q: SearchPageQuery<T>,
  from: string,
  params: SqlParams,
): string {
  // Only the id and the keys: the searched columns of the window would clash with the row's.
  const top = `SELECT id, ${q.keyset.keyNames()} FROM ${from} ORDER BY ${q.keyset.overKeys().orderBy()} LIMIT ${params.add(q.limit)}`;
  return `SELECT ${q.columns} FROM (${top}) AS m JOIN ${q.table} USING (id) ORDER BY ${q.keyset.overKeys('m').orderBy()}`;
}
