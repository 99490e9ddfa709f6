import { SortDirection } from '../graphql/sort-direction.enum.js';
import { decodeCursor, encodeCursor, type CursorValueType, type CursorValues } from './cursor.js';

/** Collects bind parameters and hands out their `$n` placeholders. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /**
   * The statement with its parameters written in as literals, for the one statement that cannot
   * take bind parameters: COPY. Strings go through the driver's escaping; only the value types the
   * query builders produce are accepted.
   */
  inline(sql: string, escapeLiteral: (text: string) => string): string {
    const literal = (value: unknown): string => {
      if (typeof value === 'string') return escapeLiteral(value);
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      if (value instanceof Date) return escapeLiteral(value.toISOString());
      if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(', ')}]`;
      throw new Error(`cannot inline a parameter of type ${typeof value}`);
    };
    return sql.replace(/\$(\d+)(?!\d)/g, (_, n: string) => literal(this.values[Number(n) - 1]));
  }
}

/** One column (or expression) of a sort, with its SQL type and how to read it from a row. */
export interface SortColumn<T> {
  sql: string;
  type: CursorValueType;
  value: (row: T) => string | number;
}

/**
 * A total order: the given columns, then `id`. Pages continue from a row-value comparison that an
 * index on (company_id, …columns, id) serves directly, so page 20 000 costs what page 1 costs.
 * `idColumn` names the id where the index holds it under another name (a joined table's key).
 */
export class Keyset<T extends { id: string }> {
  /** Names the order in the cursors it makes: its columns (the direction may change between pages). */
  private readonly sort: string;

  constructor(
    private readonly columns: readonly SortColumn<T>[],
    private readonly direction: SortDirection,
    private readonly alias = '',
    private readonly idColumn = 'id',
  ) {
    this.sort = columns.map((c) => c.sql).join(',');
  }

  /** The cursor of a row: where the next page starts. */
  cursorOf(row: T): string {
    return this.encode(this.keyOf(row));
  }

  encode(values: CursorValues): string {
    return encodeCursor(this.sort, values);
  }

  /** A client's `after`, checked to be a cursor of this order with values of the right types. */
  decode(cursor: string): CursorValues {
    return decodeCursor(cursor, this.sort, [...this.columns.map((c) => c.type), 'uuid']);
  }

  private col(sql: string): string {
    // Qualify plain column names when the query uses a table alias; expressions stay as written.
    return this.alias && /^\w+$/.test(sql) ? `${this.alias}.${sql}` : sql;
  }

  /** `(a, b, id) < ($1::t, $2::t, $3::uuid)` continuing after the cursor's row. */
  after(cursor: CursorValues, params: SqlParams): string {
    const left = [...this.columns.map((c) => this.col(c.sql)), this.col(this.idColumn)].join(', ');
    const right = [
      ...this.columns.map((c, i) => `${params.add(cursor[i])}::${c.type}`),
      `${params.add(cursor[this.columns.length])}::uuid`,
    ].join(', ');
    return `(${left}) ${this.direction === SortDirection.ASC ? '>' : '<'} (${right})`;
  }

  orderBy(): string {
    const dir = this.direction === SortDirection.ASC ? 'ASC' : 'DESC';
    return [...this.columns.map((c) => this.col(c.sql)), this.col(this.idColumn)]
      .map((c) => `${c} ${dir}`)
      .join(', ');
  }

  /** `a AS sort_0, b AS sort_1`: the sort keys as output columns of a subquery. */
  selectKeys(): string {
    return this.columns.map((c, i) => `${this.col(c.sql)} AS sort_${i}`).join(', ');
  }

  /** `sort_0, sort_1`: the names selectKeys() gives. */
  keyNames(): string {
    return this.columns.map((_, i) => `sort_${i}`).join(', ');
  }

  /** The same order over the columns selectKeys() names, read from the subquery `alias`. */
  overKeys(alias = ''): Keyset<T> {
    const named = this.columns.map((c, i) => ({ ...c, sql: `sort_${i}` }));
    return new Keyset(named, this.direction, alias);
  }

  keyOf(row: T): CursorValues {
    return [...this.columns.map((c) => c.value(row)), row.id];
  }
}
