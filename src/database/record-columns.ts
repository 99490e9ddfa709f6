/**
 * A record's columns declared once: each key is the row's property, each value its SQL (a column
 * of the table, or an expression over it) and, as a type only, the TypeScript type the driver
 * gives it. The row type and the SELECT list both come from the declaration, so they cannot drift.
 */
export interface Column<T> {
  readonly sql: string;
  /** Carries T for RowOf; never set. */
  readonly type?: T;
}

export const column = <T>(sql: string): Column<T> => ({ sql });

export type Columns = Readonly<Record<string, Column<unknown>>>;

/** The plain row a SELECT of `columns` returns. */
export type RowOf<C extends Columns> = {
  -readonly [K in keyof C]: C[K] extends Column<infer T> ? T : never;
};

/** `sql AS "key", …`: a whole row, over the table's columns (or a subquery's of the same names). */
export function selectOf(columns: Columns, alias = ''): string {
  const qualify = (sql: string): string => (alias && /^\w+$/.test(sql) ? `${alias}.${sql}` : sql);
  return Object.entries(columns)
    .map(([key, { sql }]) => (sql === key && !alias ? key : `${qualify(sql)} AS "${key}"`))
    .join(', ');
}
