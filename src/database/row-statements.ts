/**
 * INSERT and UPDATE statements for one row from an object of camelCase attributes, for the
 * repositories' hot writes (Sql.rows): the columns are the object's keys in snake_case, as the
 * models map them (underscored), and `undefined` leaves a column out — its default, or unchanged.
 * Keys come from the repository's own code, never from a client: they are not escaped.
 */
import { preparedBuilt, type Prepared } from './prepared.js';

const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function columnsOf(row: Record<string, unknown>): [string[], unknown[]] {
  const keys = Object.keys(row).filter((k) => row[k] !== undefined);
  return [keys.map(snake), keys.map((k) => row[k])];
}

/** `INSERT INTO table (…) VALUES (…) RETURNING returning`, and its values. */
export function insertRow(
  table: string,
  row: Record<string, unknown>,
  returning: string,
): [Prepared, unknown[]] {
  const [columns, values] = columnsOf(row);
  const placeholders = values.map((_, i) => `$${i + 1}`);
  return [
    preparedBuilt(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders.join(', ')}) RETURNING ${returning}`,
    ),
    values,
  ];
}

/**
 * `UPDATE table SET …, updated_at = now() WHERE id = $1 AND company_id = $2 RETURNING returning`:
 * the tenant is part of every write's key, as of every read's.
 */
export function updateRow(
  table: string,
  key: { id: string; companyId: string },
  changes: Record<string, unknown>,
  returning: string,
): [Prepared, unknown[]] {
  const [columns, values] = columnsOf(changes);
  const sets = columns.map((column, i) => `${column} = $${i + 3}`);
  return [
    preparedBuilt(
      `UPDATE ${table} SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1 AND company_id = $2 RETURNING ${returning}`,
    ),
    [key.id, key.companyId, ...values],
  ];
}

/**
 * `INSERT INTO table (…) VALUES (…), (…) RETURNING returning` for a batch, in the order given: the
 * columns any row sets, DEFAULT where a row leaves one out. Its text depends on the batch's size,
 * so it runs unnamed.
 */
export function insertRows(
  table: string,
  rows: readonly Record<string, unknown>[],
  returning: string,
): [string, unknown[]] {
  const keys = [
    ...new Set(rows.flatMap((row) => Object.keys(row).filter((k) => row[k] !== undefined))),
  ];
  const values: unknown[] = [];
  const tuples = rows.map((row) => {
    const cells = keys.map((key) => {
      if (row[key] === undefined) return 'DEFAULT';
      values.push(row[key]);
      return `$${values.length}`;
    });
    return `(${cells.join(', ')})`;
  });
  return [
    `INSERT INTO ${table} (${keys.map(snake).join(', ')}) VALUES ${tuples.join(', ')} RETURNING ${returning}`,
    values,
  ];
}
