import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { GRAPHQL_EXECUTION_ENV } from './test-env.js';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Resolves when a log line matching `pattern` has been printed. */
  waitFor(pattern: RegExp): Promise<void>;
  exit(): Promise<number | null>;
}

/** Runs the compiled server (`dist/`, built by global setup) as a real process, as `pnpm start:prod` does. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    // JSON log lines, which tests read as data, unless a test asks for another format.
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      ...GRAPHQL_EXECUTION_ENV,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  const onData = (chunk: Buffer): void => {
    output += chunk.toString();
    for (const w of [...waiters])
      if (w.pattern.test(output)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = once(child, 'exit').then(([code]) => code as number | null);

  const waitFor = (pattern: RegExp): Promise<void> =>
    pattern.test(output)
      ? Promise.resolve()
      : Promise.race([
          new Promise<void>((resolve) => waiters.push({ pattern, resolve })),
          exited.then(() => {
            throw new Error(`server exited before printing ${pattern}:\n${output}`);
          }),
        ]);

  await waitFor(/ready: http:\/\/localhost:\d+\/graphql/);
  const port = /ready: http:\/\/localhost:(\d+)\/graphql/.exec(output)![1];
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    waitFor,
    exit: () => exited,
  };
}

/** Runs a compiled script to its end (the server, when it should stop at once); returns its exit code and output. */
export async function runToExit(
  env: Record<string, string>,
  script = 'dist/src/main.js',
  args: string[] = [],
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [script, ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

/** Whether a process is still alive. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** GET on a connection of its own, so that node:cluster may hand it to any worker. */
export function getOnNewConnection(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}
