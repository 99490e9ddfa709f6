import { describe } from '@jest/globals';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PG15_BIN } from './private-postgres.js';
import { hasRedisServer } from './private-redis.js';

/** Values global-setup.js hands to every test worker through the environment. */
export const ENV = {
  adminUrl: 'CRM_TEST_ADMIN_URL',
  template: 'CRM_TEST_TEMPLATE_DB',
} as const;

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: is test/support/global-setup.js configured in jest?`);
  return value;
}

/**
 * How the servers under test execute GraphQL: compiled (graphql-jit, the default) unless the run
 * sets GRAPHQL_JIT=false — CI runs the whole suite once in each mode. Compiled at a document's
 * first run, so that a test's single query exercises the compiled path too.
 */
export const GRAPHQL_EXECUTION_ENV: Readonly<Record<string, string>> = {
  GRAPHQL_JIT: process.env.GRAPHQL_JIT ?? 'true',
  GRAPHQL_JIT_AFTER: '1',
};

export const redisUrl = (): string | undefined => process.env.REDIS_URL || undefined;

/**
 * The one gate of the Redis cases: they run when REDIS_URL is set (CI sets it) and are reported
 * as skipped when it is not, so a fresh clone's `pnpm test` passes without Redis.
 */
export const withRedis = redisUrl() ? describe : describe.skip;

/**
 * The gate of the cases that start a redis-server of their own (to stop it): they run where the
 * binary is installed (CI's machine) and are reported as skipped elsewhere.
 */
export const withRedisServer = (hasRedisServer() ? describe : describe.skip) as typeof describe;

/** The gate of the cases that run a PostgreSQL 15 of their own (Debian's binaries, as in CI). */
export const withPostgres15 = (
  existsSync(`${PG15_BIN}/pg_ctl`) ? describe : describe.skip
) as typeof describe;

/** An executable on PATH (or in /usr/bin, where Debian's packages put theirs), or undefined. */
export function findBinary(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin'].filter(Boolean);
  for (const dir of dirs) {
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not in this directory.
    }
  }
  return undefined;
}

/** Debian's `prometheus` package: the server and promtool. */
export const prometheusBinaries = (): { prometheus: string; promtool: string } | undefined => {
  const prometheus = findBinary('prometheus');
  const promtool = findBinary('promtool');
  return prometheus && promtool ? { prometheus, promtool } : undefined;
};

/**
 * The gate of the Prometheus cases, like Redis's: they run when `prometheus` and `promtool` are
 * installed (.ci/run installs them) and are reported as skipped when they are not.
 */
export const withPrometheus = prometheusBinaries() ? describe : describe.skip;
