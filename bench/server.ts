import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The built server as production runs it (info-level JSON logs, here to a file the bench reads):
 * `workers` processes (WEB_CONCURRENCY) sharing POOL connections, so that the API holds no more
 * database connections than the bare pg pool it is compared with (`pool`).
 */
export async function startBenchServer({
  url,
  workers,
  pool,
  jwtSecret,
  name = 'server',
  env: extraEnv = {},
  nodeArgs = [],
}: {
  url: string;
  workers: number;
  /** Connections of all workers together, split between them. */
  pool: number;
  jwtSecret: string;
  name?: string;
  env?: Record<string, string>;
  /** More flags for node (`--cpu-prof`). */
  nodeArgs?: string[];
}): Promise<{ child: ChildProcess; base: string }> {
  const logFile = join(tmpdir(), `crm-bench-${name}-${process.pid}.log`);
  const log = openSync(logFile, 'w');
  // The flags `pnpm start:prod` and the Dockerfile run it with.
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=64', ...nodeArgs, 'dist/src/main.js'],
    {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        DATABASE_URL: url,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        WEB_CONCURRENCY: String(workers),
        // Whenever it is set, so that one worker and several count rate limits the same way.
        ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
        DB_POOL_MAX: String(Math.max(1, Math.floor(pool / workers))),
        JWT_SECRET: jwtSecret,
        JWT_ACCESS_TTL_SECONDS: '3600',
        RATE_LIMIT_PER_MINUTE: '100000000',
        LOGIN_LIMIT_PER_IP: '1000',
        INGEST_RATE_LIMIT_PER_MINUTE: '100000000',
        INGEST_COMPANY_LIMIT_PER_MINUTE: '100000000',
        INGEST_COMPANY_BYTES_PER_DAY: String(2 ** 40),
        // The generated journal spans years: a retention pass would delete it mid-run.
        INGEST_RETENTION_DAYS: '0',
        ...extraEnv,
      },
      stdio: ['ignore', log, log],
    },
  );
  let exited = false;
  child.once('exit', () => (exited = true));
  for (let waited = 0; waited < 60_000; waited += 200) {
    const m = /ready: http:\/\/localhost:(\d+)/.exec(readFileSync(logFile, 'utf8'));
    if (m) return { child, base: `http://127.0.0.1:${m[1]}` };
    if (exited) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not start:\n${readFileSync(logFile, 'utf8')}`);
}
