import { sqlState } from '../common/errors/database-errors.js';

/**
 * Connections pg has lost track of a named statement on: a value that fails to convert on the
 * client makes pg close the statement on the server while it still counts it as prepared, and a
 * migration that changes a result's columns makes PostgreSQL refuse the cached plan. Every later
 * use on that connection would fail the same way: it is destroyed instead of going back to the pool.
 */
const broken = new WeakSet<object>();

/** SQLSTATEs of a prepared statement the server no longer has, or will not run as planned. */
const STATEMENT_LOST = new Set(['26000', '0A000']);

export function noteFailure(connection: object, named: boolean, error: unknown): void {
  if (!named) return;
  const state = sqlState(error);
  if (state === undefined || STATEMENT_LOST.has(state)) broken.add(connection);
}

export const isBroken = (connection: object): boolean => broken.has(connection);

/** What a connection goes back through: Sequelize's pool. */
interface Pool {
  releaseConnection(connection: object): unknown;
  destroyConnection(connection: object): Promise<unknown>;
}

/** Back to the pool when it can be reused (`reusable`, and not broken); destroyed otherwise. */
export function giveBack(pool: Pool, connection: object, reusable = true): void {
  if (reusable && !isBroken(connection)) pool.releaseConnection(connection);
  else void pool.destroyConnection(connection).catch(() => undefined);
}
