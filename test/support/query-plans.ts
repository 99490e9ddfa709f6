import { QueryTypes } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import type { TestUser } from './factories.js';
import type { TestApp } from './test-app.js';

/**
 * Runs a GraphQL query as `user` and returns the plan PostgreSQL makes for the (last) SQL
 * statement it sent that matches `pick`, with its own bind parameters.
 */
export async function planOf(
  app: TestApp,
  user: TestUser,
  query: string,
  pick: RegExp,
  options: { seqscan?: boolean } = {},
): Promise<string> {
  const sequelize = app.app.get(Sequelize);
  const seen: { sql: string; bind: unknown[] }[] = [];
  const original = sequelize.options.logging;
  // Sequelize passes the query options as the second argument, though its typings say a timing.
  const capture = (sql: string, logged?: { bind?: unknown[] }) =>
    void seen.push({ sql, bind: logged?.bind ?? [] });
  sequelize.options.logging = capture as unknown as typeof original;
  try {
    const res = await app.gql(query, {}, user.token);
    expect(res.errors).toBeUndefined();
  } finally {
    sequelize.options.logging = original;
  }
  const statement = seen.filter((s) => pick.test(s.sql)).at(-1);
  if (!statement)
    throw new Error(`no statement matched ${pick}: ${seen.map((s) => s.sql).join('\n')}`);
  const sql = statement.sql.replace(/^Executing \([^)]*\): /, '');
  return sequelize.transaction(async (transaction) => {
    if (options.seqscan === false)
      await sequelize.query('SET LOCAL enable_seqscan = off', { transaction });
    const rows = await sequelize.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, {
      bind: statement.bind,
      type: QueryTypes.SELECT,
      transaction,
    });
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}
