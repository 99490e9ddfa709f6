import { startTcpProxy, type TcpProxy } from '../../devkit/tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { redisUrl, withRedis } from '../support/test-env.js';

describe('health', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let sut: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    const real = new URL(db.url);
    proxy = await startTcpProxy({ host: real.hostname, port: Number(real.port || 5432) });
    const viaProxy = new URL(db.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    sut = await startTestApp(
      { DATABASE_URL: viaProxy.toString(), DB_CONNECT_RETRIES: '0' },
      { ...db, url: viaProxy.toString() },
    );
  });
  afterAll(async () => {
    await sut.close();
    await proxy.close();
    await db.drop();
  });

  it('GET /health answers without a token', async () => {
    const res = await fetch(`${sut.url}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; timestamp: string };
    expect(body.ok).toBe(true);
    expect(Date.now() - Date.parse(body.timestamp)).toBeLessThan(60_000);
  });

  it('GET /health/ready is 200 while PostgreSQL answers, 503 when it does not, and 200 again after', async () => {
    const up = await fetch(`${sut.url}/health/ready`);
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });

    proxy.cut();
    const down = await fetch(`${sut.url}/health/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({
      status: 'error',
      error: { database: { status: 'down' } },
    });
    expect((await fetch(`${sut.url}/health`)).status).toBe(200);

    proxy.resume();
    const back = await fetch(`${sut.url}/health/ready`);
    expect(back.status).toBe(200);
  });
});

withRedis('health with Redis configured', () => {
  let sut: TestApp;

  afterEach(() => sut.close());

  it('includes Redis in readiness', async () => {
    sut = await startTestApp({ REDIS_URL: redisUrl() });
    const res = await fetch(`${sut.url}/health/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      info: { database: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('is 503 when Redis does not answer', async () => {
    const proxy = await startTcpProxy({
      host: new URL(redisUrl()!).hostname,
      port: Number(new URL(redisUrl()!).port || 6379),
    });
    try {
      sut = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${proxy.port}` });
      expect((await fetch(`${sut.url}/health/ready`)).status).toBe(200);
      proxy.cut();
      const res = await fetch(`${sut.url}/health/ready`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: { redis: { status: 'down' } } });
    } finally {
      proxy.resume();
      await proxy.close();
    }
  });
});
