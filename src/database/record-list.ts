import type { Readable } from 'node:stream';
import { SortDirection } from '../common/graphql/sort-direction.enum.js';
import { Keyset, SqlParams, type SortColumn } from '../common/pagination/keyset.js';
import { searchPage } from '../common/pagination/search-page.js';
import type { ListQuery, ListSourceOf } from '../common/records/list-query.js';
import type { CsvExport } from './csv-export.js';
import { prepared, preparedBuilt, type Prepared } from './prepared.js';
import { selectOf, type Columns } from './record-columns.js';
import type { Sql } from './sql.js';

/** Where a list reads from: a table (or subquery named as it) and the SELECT list of a row there. */
export interface ListSource {
  from: string;
  columns: string;
}

/**
 * A text search a list narrows by: looked for among the first `probeRows` rows in sort order,
 * then through its index (see searchPage). `key` is the filter's search field.
 */
export interface ListSearch<Filter> {
  key: keyof Filter;
  probeRows: number;
  /** The columns the match reads, so it can run over the probe window. */
  columns: string;
  match: (text: string, params: SqlParams) => string;
}

/**
 * What a feature declares of its list once: the table, the filter as SQL conditions (the tenant
 * first), its sort keys (each in its index's own terms), its search and its CSV columns. Lists are
 * planned per statement on purpose (prepared.ts): a generic plan would ignore the tenant's
 * statistics.
 */
export interface RecordListSpec<Row extends { id: string }, Filter, Field extends string> {
  table: string;
  /** SELECT list of a whole row over `table`. */
  columns: string;
  /**
   * The row's column declaration, when latestFor may read part of a row (a nested list whose
   * query selects a few fields; its nodes copy the row's keys to fields of the same names);
   * without it, latestFor reads whole rows.
   */
  record?: Columns;
  /**
   * The name `table` goes by in the statements (`i`), where `where`, `columns` and a source's join
   * qualify its columns by it; the sorts' plain columns are qualified with it too. None by default.
   */
  alias?: string;
  /**
   * What latestFor counts as a live row, over `table` (under `alias`): `deleted_at IS NULL` unless
   * given; null where the table keeps no removed rows.
   */
  live?: string | null;
  where: (companyId: string, filter: Filter, params: SqlParams) => string[];
  sorts: Readonly<Record<Field, readonly SortColumn<Row>[]>>;
  /** Where the index holds the id under another name for this sort (a joined table's key). */
  idColumn?: (field: Field) => string;
  /** The rows come from elsewhere for some filters or sorts (a join with scores). */
  source?: (filter: Filter, field?: Field) => ListSource;
  search?: ListSearch<Filter>;
  /** The export's SELECT list, in the CSV's column order, and what the log calls a row. */
  csv?: { columns: string; what: string };
}

/** The one order of a list read newest first: its sort key (a timestamp) and its default order. */
export type NewestFirst = 'NEWEST';

/**
 * The sorts and the default order of a list with one order, newest first by a timestamp column
 * (then id): comments, interactions, notifications. The cursor names the column, as Keyset's do.
 */
export function newestFirst<Row extends { id: string }>(sql: string, value: (row: Row) => Date) {
  return {
    sorts: {
      NEWEST: [{ sql, type: 'timestamptz', value: (row: Row) => value(row).toISOString() }],
    } as Readonly<Record<NewestFirst, readonly SortColumn<Row>[]>>,
    order: { field: 'NEWEST', direction: SortDirection.DESC } as const,
  };
}

/** The order of a declared list: its cursors, its ORDER BY and the comparison that continues it. */
export function keysetOf<Row extends { id: string }, Filter, Field extends string>(
  spec: RecordListSpec<Row, Filter, Field>,
  field: Field,
  direction: SortDirection,
): Keyset<Row> {
  return new Keyset(spec.sorts[field], direction, spec.alias ?? '', spec.idColumn?.(field) ?? 'id');
}

/**
 * The latestFor statements one list keeps: a whole row per parent and order, and the part-row
 * shapes queries selected. Texts past it are built per call: a client inventing selections must
 * not grow the process. (Which texts get a name is StatementNames' cap on built statements.)
 */
const MAX_LATEST_TEXTS = 64;

/** readable filter → keyset page → count → CSV, over any declared list. */
export class RecordList<
  Row extends { id: string },
  Filter,
  Field extends string,
> implements ListSourceOf<Row, Filter, Field> {
  private readonly latest = new Map<string, Prepared>();

  constructor(
    private readonly sql: Sql,
    private readonly spec: RecordListSpec<Row, Filter, Field>,
    private readonly csv?: CsvExport,
  ) {}

  keyset(field: Field, direction: SortDirection): Keyset<Row> {
    return keysetOf(this.spec, field, direction);
  }

  private source(filter: Filter, field?: Field): ListSource {
    return this.spec.source?.(filter, field) ?? { from: this.table(), columns: this.spec.columns };
  }

  /** The table, under its alias when it has one. */
  private table(): string {
    return this.spec.alias ? `${this.spec.table} ${this.spec.alias}` : this.spec.table;
  }

  /** One keyset page (limit rows; ask for one more to learn whether another page follows). */
  page(query: ListQuery<Filter, Field>): Promise<Row[]> {
    const keyset = this.keyset(query.orderBy, query.direction);
    const { from, columns } = this.source(query.filter, query.orderBy);
    const search = this.spec.search;
    const text = search ? (query.filter[search.key] as string | null | undefined) : undefined;
    const pageWhere = (filter: Filter, params: SqlParams): string => {
      const where = this.spec.where(query.companyId, filter, params);
      if (query.after) where.push(keyset.after(query.after, params));
      return where.join(' AND ');
    };
    if (!search || text == null || text === '') {
      const params = new SqlParams();
      return this.sql.rows<Row>(
        `SELECT ${columns} FROM ${from} WHERE ${pageWhere(query.filter, params)} ORDER BY ${keyset.orderBy()} LIMIT ${params.add(query.limit)}`,
        params.values,
      );
    }
    const rest = { ...query.filter, [search.key]: undefined };
    return searchPage({
      table: from,
      columns,
      keyset,
      limit: query.limit,
      probeRows: search.probeRows,
      searchColumns: search.columns,
      where: (params) => pageWhere(rest, params),
      match: (params) => search.match(text, params),
      params: () => new SqlParams(),
      run: (sql, values) => this.sql.rows<Row>(sql, values),
    });
  }

  /**
   * The first `per` live rows of each parent (`lead_id` …) in the list's order, one index range
   * per parent: the batch of a nested list field. `fields`: the row keys a query needs; read alone
   * (with `id` and the parent's key) when all are columns of the spec's record, else whole rows.
   * One text per parent, order and shape, so named: the whole row's always, part rows' as built
   * statements.
   */
  latestFor(
    parent: string,
    companyId: string,
    ids: readonly string[],
    per: number,
    order: { field: Field; direction: SortDirection },
    fields: readonly string[] | null = null,
  ): Promise<Row[]> {
    const orderBy = this.keyset(order.field, order.direction).orderBy();
    const columns = this.columnsOf(parent, fields);
    const key = `${parent} ${orderBy} ${columns}`;
    let statement = this.latest.get(key);
    if (!statement) {
      const column = (name: string): string =>
        this.spec.alias ? `${this.spec.alias}.${name}` : name;
      const live = this.spec.live === undefined ? 'deleted_at IS NULL' : this.spec.live;
      const text = `SELECT r.* FROM unnest($1::uuid[]) AS p(id)
         CROSS JOIN LATERAL (
           SELECT ${columns} FROM ${this.table()}
           WHERE ${column('company_id')} = $2 AND ${column(parent)} = p.id${live ? ` AND ${live}` : ''}
           ORDER BY ${orderBy} LIMIT $3
         ) r`;
      const whole = columns === this.spec.columns;
      statement = whole ? prepared(text) : preparedBuilt(text);
      if (whole || this.latest.size < MAX_LATEST_TEXTS) this.latest.set(key, statement);
    }
    return this.sql.rows<Row>(statement, [ids, companyId, per]);
  }

  /**
   * The SELECT list of `fields` with `id` and the parent's key, when the record holds them all;
   * the whole row's otherwise.
   */
  private columnsOf(parent: string, fields: readonly string[] | null): string {
    const record = this.spec.record;
    if (!fields || !record || !fields.every((key) => Object.hasOwn(record, key)))
      return this.spec.columns;
    const picked: Record<string, Columns[string]> = {};
    for (const [key, column] of Object.entries(record))
      if (key === 'id' || column.sql === parent || fields.includes(key)) picked[key] = column;
    return selectOf(picked, this.spec.alias);
  }

  async count(companyId: string, filter: Filter): Promise<number> {
    const params = new SqlParams();
    const where = this.spec.where(companyId, filter, params).join(' AND ');
    const [row] = await this.sql.rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${this.source(filter).from} WHERE ${where}`,
      params.values,
    );
    return row.n;
  }

  /** Every matching row as CSV, in the list's order (see CsvExport). */
  copyCsv(
    query: Omit<ListQuery<Filter, Field>, 'limit' | 'after'>,
    owner: string,
  ): Promise<Readable> {
    const { csv: spec } = this.spec;
    if (!spec || !this.csv) throw new Error(`${this.spec.table} declares no export`);
    const params = new SqlParams();
    const keyset = this.keyset(query.orderBy, query.direction);
    const { from } = this.source(query.filter, query.orderBy);
    const where = this.spec.where(query.companyId, query.filter, params).join(' AND ');
    const select = `SELECT ${spec.columns} FROM ${from} WHERE ${where} ORDER BY ${keyset.orderBy()}`;
    return this.csv.stream(select, params, spec.what, { owner, companyId: query.companyId });
  }
}
