import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/app.config.js';
import { newTeam, type Team, type TestUser } from './factories.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { GRAPHQL_EXECUTION_ENV } from './test-env.js';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions: { code: string; [key: string]: any } }[];
  headers: Headers;
}

export interface TestApp {
  url: string;
  app: NestFastifyApplication;
  db: TestDatabase;
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

/** The test apps' signing key, random per test process: tests that forge tokens sign with it. */
export const TEST_JWT_SECRET = randomBytes(48).toString('base64url');

/** Environment every test app starts from; a test overrides what it is about. */
const BASE_ENV: Record<string, string> = {
  JWT_SECRET: TEST_JWT_SECRET,
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  ...GRAPHQL_EXECUTION_ENV,
  // The IDE is checked against the real process (test/platform/process.e2e-spec.ts).
  GRAPHQL_IDE: 'false',
  DB_SKIP_MIGRATIONS: 'true',
  DB_POOL_MAX: '5',
  LOGIN_LIMIT_PER_IP: '1000',
  LOGIN_LIMIT_PER_ACCOUNT: '1000',
  LOGIN_LIMIT_PER_ACCOUNT_ALL_IPS: '1000',
  SIGNUP_LIMIT_PER_IP: '10000',
  RATE_LIMIT_PER_MINUTE: '100000',
  INGEST_RATE_LIMIT_PER_MINUTE: '100000',
  // Tests drain the reprocessor's queue themselves when they are about it.
  INGEST_REPROCESS_INTERVAL_MS: '0',
  // And score recalculations themselves (scheduled-recalculation.spec runs its pass).
  SCORES_RECALCULATION_INTERVAL_HOURS: '0',
  // And the ingested leads' notification groups (NotificationBacklogJob.run).
  NOTIFICATION_GROUP_WINDOW_MS: '0',
};

/** Boots the real application on a random port against its own cloned database. */
export async function startTestApp(
  env: Record<string, string | undefined> = {},
  db?: TestDatabase,
): Promise<TestApp> {
  const database = db ?? (await createTestDatabase());
  const config = loadConfig({ ...BASE_ENV, DATABASE_URL: database.url, REDIS_URL: '', ...env });
  const app = await createApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = await app.getUrl();
  return {
    url,
    app,
    db: database,
    gql: (query, variables, token, headers) =>
      postGraphQL(`${url}/graphql`, query, variables, token, headers),
    async close() {
      await app.close();
      if (!db) await database.drop();
    },
  };
}

export async function postGraphQL<T>(
  endpoint: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status' | 'headers'>;
  return { ...body, status: response.status, headers: response.headers };
}

/**
 * The setup of most feature e2e specs: a started app, a company with its admin, a manager and two
 * reps, and another company's admin (see newTeam).
 */
export async function startTeamApp(
  env: Record<string, string | undefined> = {},
): Promise<{ sut: TestApp } & Team<TestUser>> {
  const sut = await startTestApp(env);
  return { sut, ...(await newTeam(sut)) };
}
