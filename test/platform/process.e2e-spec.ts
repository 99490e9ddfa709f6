import http from 'node:http';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { redisUrl, withRedis } from '../support/test-env.js';
import {
  getOnNewConnection,
  isRunning,
  runToExit,
  startServerProcess,
  type ServerProcess,
} from '../support/server-process.js';

/** Sends the head and half the body of a signUp now; the rest when `finish` is called. */
function slowRequest(url: string): {
  finish: () => void;
  response: Promise<{ status: number; body: string }>;
} {
  const body = JSON.stringify({
    query: 'mutation($i: SignUpInput!) { signUp(input: $i) { user { email } } }',
    variables: {
      i: {
        companyName: 'Drain Co',
        email: `drain-${Date.now()}@example.com`,
        password: 'long enough password',
        firstName: 'D',
        lastName: 'R',
      },
    },
  });
  const req = http.request(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  return { finish: () => req.end(body.slice(half)), response };
}

describe('the server process', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('finishes a request in flight across SIGTERM, then exits 0', async () => {
    const sut: ServerProcess = await startServerProcess({ DATABASE_URL: db.url });
    const inFlight = slowRequest(sut.url);
    await new Promise((r) => setTimeout(r, 100));

    sut.child.kill('SIGTERM');
    await sut.waitFor(/SIGTERM received/);
    inFlight.finish();

    const res = await inFlight.response;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({
      data: { signUp: { user: { email: expect.stringMatching(/^drain-/) } } },
    });
    expect(await sut.exit()).toBe(0);
    await expect(fetch(`${sut.url}/health`)).rejects.toThrow();
  });

  it('serves the GraphQL IDE from its own dependencies in development', async () => {
    const sut = await startServerProcess({
      DATABASE_URL: db.url,
      NODE_ENV: 'development',
      LOG_FORMAT: '', // development's own: pretty
    });
    try {
      const page = await fetch(`${sut.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(page.headers.get('content-type')).toContain('text/html');
      const html = await page.text();
      expect(html).not.toMatch(/https?:\/\/(?!localhost)[^"' ]+\.(js|css)/);
      for (const asset of [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)]
        .map((m) => m[1])
        .slice(0, 5)) {
        const res = await fetch(new URL(asset, `${sut.url}/graphql-ide/`));
        expect([asset, res.status, (await res.arrayBuffer()).byteLength > 0]).toEqual([
          asset,
          200,
          true,
        ]);
      }
      const init = await (await fetch(`${sut.url}/graphql-ide/init.js`)).text();
      expect(init).toContain('/graphql');
      // It opens with an example, and says where the token goes.
      expect(init).toContain('mutation SignUp');
      expect(init).toContain('Authorization: Bearer <accessToken>');
      // Development logs read as coloured lines, not JSON.
      expect(sut.output()).toMatch(
        /\[\d{2}:\d{2}:\d{2}\.\d{3}\] .*INFO.*Starting Nest application/,
      );
    } finally {
      sut.child.kill('SIGTERM');
      expect(await sut.exit()).toBe(0);
    }
  });

  it('refuses to start on a bad configuration with one readable line', async () => {
    const { code, output } = await runToExit({
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
    });
    expect(code).toBe(1);
    expect(output.trim()).toBe(
      'Invalid configuration: JWT_SECRET is required when NODE_ENV=production',
    );
  });

  it('refuses a placeholder secret, such as the one compose used to fall back to', async () => {
    const { code, output } = await runToExit({
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      JWT_SECRET: 'change-me-change-me-change-me-change-me-000',
    });
    expect(code).toBe(1);
    expect(output.trim()).toMatch(/^Invalid configuration: JWT_SECRET looks like a placeholder/);
  });

  it('says which database it cannot reach instead of hanging', async () => {
    const { code, output } = await runToExit({
      DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/nowhere',
      DB_CONNECT_RETRIES: '1',
      LOG_LEVEL: 'warn',
    });
    expect(code).toBe(1);
    expect(output).toMatch(
      /Cannot use the database at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/nowhere/,
    );
    expect(output).not.toContain('secret');
  });
});

withRedis('the server with WEB_CONCURRENCY workers (Redis)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('serves from every worker, replaces one that dies, and drains them all on SIGTERM', async () => {
    const sut = await startServerProcess({
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl()!,
      WEB_CONCURRENCY: '2',
    });
    const started = (): number[] =>
      [...sut.output().matchAll(/worker (\d+) started/g)].map((m) => Number(m[1]));
    const served = (pid: number): boolean =>
      new RegExp(`"pid":${pid},[^\\n]*"request completed"`).test(sut.output());
    /** New connections until `pid` has answered one (node:cluster deals them out in turn). */
    const reach = async (pid: number): Promise<void> => {
      for (let i = 0; i < 40 && !served(pid); i++) {
        expect((await getOnNewConnection(`${sut.url}/health`)).status).toBe(200);
        await new Promise((r) => setTimeout(r, 20)); // the worker's log line is written asynchronously
      }
      expect(served(pid)).toBe(true);
    };
    try {
      const [first, second] = started();
      expect(started()).toHaveLength(2);
      await reach(first);
      await reach(second);

      process.kill(first, 'SIGKILL');
      await sut.waitFor(new RegExp(`worker ${first} exited on SIGKILL; a replacement starts in`));
      await sut.waitFor(/(worker listening on port \d+[\s\S]*){3}/);
      const replacement = started()[2];
      expect(replacement).toEqual(expect.any(Number));
      await reach(replacement);

      const inFlight = slowRequest(sut.url);
      await new Promise((r) => setTimeout(r, 100));
      sut.child.kill('SIGTERM');
      await sut.waitFor(/SIGTERM received: draining the workers/);
      inFlight.finish();
      expect((await inFlight.response).status).toBe(200);

      expect(await sut.exit()).toBe(0);
      expect(sut.output()).toMatch(/all workers stopped/);
      expect([second, replacement].filter(isRunning)).toEqual([]);
    } finally {
      for (const pid of [sut.child.pid!, ...started()].filter(isRunning))
        process.kill(pid, 'SIGKILL');
    }
  }, 90_000);
});

describe('the server with WEB_CONCURRENCY workers, when they cannot boot', () => {
  it('exits 1 instead of restarting them forever', async () => {
    const { code, output } = await runToExit({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere',
      // Never reached: the database fails first.
      REDIS_URL: 'redis://127.0.0.1:1',
      DB_CONNECT_RETRIES: '0',
      WEB_CONCURRENCY: '2',
    });
    expect(code).toBe(1);
    expect(output).toMatch(/exited with code 1 before the server was ready: stopping/);
    expect(output).toMatch(/stopped after a failure/);
  });
});
