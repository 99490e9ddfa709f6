import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { newCompany } from '../support/factories.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { redisUrl, withRedis } from '../support/test-env.js';
import { startTcpProxy } from '../../devkit/tcp-proxy.js';

const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }';
const attempt = (app: TestApp, email: string) =>
  app.gql(LOGIN, { i: { email, password: 'wrong password!!' } });

describe('login rate limits (in memory)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ LOGIN_LIMIT_PER_ACCOUNT: '3' });
  });
  afterAll(() => sut.close());

  it('limits attempts per account, with Retry-After, even with the right password', async () => {
    const admin = await newCompany(sut);
    for (let i = 0; i < 3; i++)
      expect((await attempt(sut, admin.email)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');

    const limited = await attempt(sut, admin.email.toUpperCase());
    expect(limited.errors?.[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfter: expect.any(Number),
    });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    const right = await sut.gql(LOGIN, { i: { email: admin.email, password: admin.password } });
    expect(right.errors?.[0].extensions.code).toBe('RATE_LIMITED');
  });

  it('counts only failed attempts against an account', async () => {
    const admin = await newCompany(sut);
    const right = { i: { email: admin.email, password: admin.password } };
    for (let i = 0; i < 5; i++) expect((await sut.gql(LOGIN, right)).errors).toBeUndefined();
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++)
      codes.push((await attempt(sut, admin.email)).errors?.[0].extensions.code);
    expect(codes).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'RATE_LIMITED',
    ]);
  });

  it('limits attempts per IP across accounts', async () => {
    const other = await startTestApp({ LOGIN_LIMIT_PER_IP: '2' });
    try {
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 3; i++)
        codes.push((await attempt(other, `someone-${i}@example.com`)).errors?.[0].extensions.code);
      expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
      // Other operations are not part of the login budget.
      expect((await other.gql('{ __typename }')).errors).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});

describe('general request budget', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => sut.close());

  it('counts an HTTP request once, however many root fields its operation has', async () => {
    const admin = await newCompany(sut); // signUp: the first request of the budget
    const three = '{ a: me { id } b: me { id } c: me { id } }';
    const first = await sut.gql(three, {}, admin.token);
    expect(first.errors).toBeUndefined();
    expect(first.data).toMatchObject({ a: { id: admin.id }, c: { id: admin.id } });
    expect((await sut.gql(three, {}, admin.token)).errors).toBeUndefined();

    // The fourth request is over the budget: refused as a whole, with Retry-After.
    const limited = await sut.gql(three, {}, admin.token);
    expect(limited.status).toBe(429);
    expect(limited.data ?? null).toBeNull();
    expect(new Set(limited.errors?.map((e) => e.extensions.code))).toEqual(
      new Set(['RATE_LIMITED']),
    );
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('counts requests no resolver runs for: introspection, refused documents', async () => {
    const other = await startTestApp({ RATE_LIMIT_PER_MINUTE: '2' });
    try {
      expect((await other.gql('{ __typename }')).status).toBe(200);
      expect((await other.gql('{ nope }')).status).toBe(400);
      const limited = await other.gql('{ __schema { queryType { name } } }');
      expect(limited.status).toBe(429);
      expect(limited.errors?.[0].extensions).toMatchObject({
        code: 'RATE_LIMITED',
        reason: 'RATE_LIMITED',
      });
    } finally {
      await other.close();
    }
  });
});

withRedis('login rate limits shared through Redis', () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let redis: Redis;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = new Redis(redisUrl()!);
    const env = { REDIS_URL: redisUrl(), LOGIN_LIMIT_PER_ACCOUNT: '4' };
    [a, b] = await Promise.all([startTestApp(env, db), startTestApp(env, db)]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await redis.quit();
    await db.drop();
  });

  it('counts attempts on every instance together', async () => {
    const email = `shared-${randomBytes(4).toString('hex')}@example.com`;
    const codes = [];
    for (const app of [a, b, a, b, a])
      codes.push((await attempt(app, email)).errors?.[0].extensions.code);
    expect(codes).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'RATE_LIMITED',
    ]);
    expect(await redis.exists(`rl:login-account-ip:${email}|127.0.0.1`)).toBe(1);
    expect(await redis.exists(`rl:login-account:${email}`)).toBe(1);
  });

  it('keeps answering, and limiting, in memory while Redis is away', async () => {
    const target = new URL(redisUrl()!);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    const sut = await startTestApp(
      { REDIS_URL: `redis://127.0.0.1:${proxy.port}`, LOGIN_LIMIT_PER_ACCOUNT: '2' },
      db,
    );
    try {
      const admin = await newCompany(sut);
      proxy.cut();
      expect((await sut.gql('{ me { email } }', {}, admin.token)).data?.me.email).toBe(admin.email);
      const codes = [];
      for (let i = 0; i < 3; i++)
        codes.push((await attempt(sut, admin.email)).errors?.[0].extensions.code);
      expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
    } finally {
      await sut.close();
      proxy.resume();
      await proxy.close();
    }
  });
});
