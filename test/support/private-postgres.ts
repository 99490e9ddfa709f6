import { execFile } from 'node:child_process';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const run = promisify(execFile);

/** Debian's PostgreSQL 15 server binaries (.ci/run's machine has them; so does the Dockerfile's CI). */
export const PG15_BIN = '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication, loopback only). */
  url: string;
  /** `pg_ctl restart -m fast`: sessions are ended, the server is back when it resolves. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server (if running) and deletes its data directory. */
  destroy(): Promise<void>;
}

/**
 * PostgreSQL refuses to run as root: under root the binaries run as the `postgres` OS user, the
 * way test/support and the embedded database do it.
 */
async function asServerUser(binary: string, args: string[]): Promise<void> {
  const [file, argv] =
    process.getuid?.() === 0
      ? ['runuser', ['-u', 'postgres', '--', path.join(PG15_BIN, binary), ...args]]
      : [path.join(PG15_BIN, binary), args];
  await run(file, argv, { timeout: 60_000 });
}

/**
 * A PostgreSQL server of the test's own, on a temporary directory and a free loopback port, for
 * the tests that stop or restart it: the shared test server must never be touched.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dir = await mkdtemp(path.join(tmpdir(), 'crm-pg-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  await chmod(dir, 0o700);
  const ctl = (...args: string[]): Promise<void> =>
    asServerUser('pg_ctl', [
      '-D',
      data,
      '-w',
      '-l',
      path.join(dir, 'server.log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40`,
      ...args,
    ]);
  let running = false;
  try {
    await asServerUser('initdb', ['-D', data, '--auth=trust', '--no-sync', '-U', 'postgres']);
    await ctl('start');
    running = true;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: () => ctl('restart', '-m', 'fast'),
    async stop() {
      await ctl('stop', '-m', 'fast');
      running = false;
    },
    async start() {
      await ctl('start');
      running = true;
    },
    async destroy() {
      if (running) await ctl('stop', '-m', 'immediate').catch(() => undefined);
      running = false;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
