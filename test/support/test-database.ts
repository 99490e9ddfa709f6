import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { quoteIdent, withDatabase } from '../../src/database/database-url.js';
import { ENV, requiredEnv } from './test-env.js';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: withDatabase(requiredEnv(ENV.adminUrl), 'postgres'),
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database cloned from the migrated template: isolated, so test files can run in parallel. */
export async function createTestDatabase(
  options: { migrated?: boolean } = {},
): Promise<TestDatabase> {
  const name = `crm_test_${randomBytes(6).toString('hex')}`;
  const template = options.migrated === false ? 'template0' : requiredEnv(ENV.template);
  await admin((c) =>
    c.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`),
  );
  return {
    name,
    url: withDatabase(requiredEnv(ENV.adminUrl), name),
    drop: () =>
      admin((c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}
