import { randomUUID } from 'node:crypto';
import { Sequelize } from 'sequelize-typescript';
import { Role } from '../../src/auth/role.enum.js';
import { newApiKey, newCompany, newUser, type TestUser } from '../support/factories.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { redisUrl, withRedis } from '../support/test-env.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** A lead-capture form: POST /api/lead with an API key. */
async function post(app: TestApp, secret: string, body: string): Promise<Answer> {
  const res = await fetch(`${app.url}/api/lead`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': secret },
    body,
  });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown>,
    headers: res.headers,
  };
}

/** A lead's body of exactly `bytes` bytes (padded in a field the journal keeps). */
function leadOfSize(bytes: number): string {
  const base = JSON.stringify({ email: `lead-${randomUUID()}@example.com`, pad: '' });
  const body = JSON.stringify({
    email: (JSON.parse(base) as { email: string }).email,
    pad: 'x'.repeat(bytes - Buffer.byteLength(base)),
  });
  expect(Buffer.byteLength(body)).toBe(bytes);
  return body;
}

const lead = (): string => JSON.stringify({ email: `lead-${randomUUID()}@example.com` });

const USAGE = `{ ingestionUsage { requestsThisMinute requestLimitPerMinute requestsResetAt
  bytesToday byteLimitPerDay bytesResetAt retentionDays } }`;

const companyIdOf = async (app: TestApp, user: TestUser): Promise<string> => {
  const [row] = await app.app
    .get(Sequelize)
    .query<{ company_id: string }>('SELECT company_id FROM users WHERE id = $1', {
      bind: [user.id],
      type: 'SELECT' as never,
    });
  return row.company_id;
};

/** Bytes the company's journal holds: what the budget let through must be exactly this. */
const journalOf = async (
  app: TestApp,
  companyId: string,
): Promise<{ n: number; bytes: number }> => {
  const [row] = await app.app
    .get(Sequelize)
    .query<{ n: number; bytes: number }>(
      'SELECT count(*)::int AS n, coalesce(sum(octet_length(body)), 0)::int AS bytes FROM leads_raw WHERE company_id = $1',
      { bind: [companyId], type: 'SELECT' as never },
    );
  return row;
};

/** The next UTC midnight, in seconds from now. */
const secondsToUtcMidnight = (): number => {
  const now = new Date();
  return (
    (Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime()) / 1000
  );
};

describe('the company ingestion budget (in memory, no Redis)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({
      INGEST_COMPANY_LIMIT_PER_MINUTE: '4',
      INGEST_BODY_LIMIT_BYTES: '1024',
      INGEST_COMPANY_BYTES_PER_DAY: '2048',
    });
  });
  afterAll(() => sut.close());

  it('refuses (429, Retry-After) a company past its submissions a minute, whatever key it rotates to, and stores nothing', async () => {
    const admin = await newCompany(sut);
    const company = await companyIdOf(sut, admin);
    const keys = [];
    for (let i = 0; i < 4; i++) keys.push(await newApiKey(sut, admin));
    const answers: Answer[] = [];
    // Each key is far below its own limit: only their sum is over the company's.
    for (const key of [...keys, keys[3], keys[0]])
      answers.push(await post(sut, key.secret, lead()));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 429, 429]);
    expect(answers[4].body).toEqual({
      ok: false,
      error: 'rate_limited',
      code: 'RATE_LIMITED',
      reason: 'COMPANY_INGEST_BUDGET_SPENT',
      limit: 'requests_per_minute',
      message: expect.any(String),
    });
    const retryAfter = Number(answers[4].headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await journalOf(sut, company)).toMatchObject({ n: 4 });

    // Another company's forms are not held back by this one's.
    const other = await newCompany(sut);
    expect((await post(sut, (await newApiKey(sut, other)).secret, lead())).status).toBe(201);
  });

  it('refuses a company past its bytes of the UTC day until midnight, giving the refused bytes back', async () => {
    const admin = await newCompany(sut);
    const company = await companyIdOf(sut, admin);
    const key = await newApiKey(sut, admin);
    const first = await post(sut, key.secret, leadOfSize(900));
    const second = await post(sut, key.secret, leadOfSize(900));
    const over = await post(sut, key.secret, leadOfSize(900));
    expect([first.status, second.status, over.status]).toEqual([201, 201, 429]);
    expect(over.body).toMatchObject({
      reason: 'COMPANY_INGEST_BUDGET_SPENT',
      limit: 'bytes_per_day',
    });
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(Math.abs(retryAfter - secondsToUtcMidnight())).toBeLessThan(5);
    // The refused 900 bytes were not kept against the day: 1 800 + 200 still fit under 2 048.
    expect((await post(sut, key.secret, leadOfSize(200))).status).toBe(201);
    expect(await journalOf(sut, company)).toEqual({ n: 3, bytes: 2000 });
    const usage = await sut.gql(USAGE, {}, admin.token);
    expect(usage.data?.ingestionUsage).toMatchObject({ bytesToday: 2000, byteLimitPerDay: 2048 });
  });

  it('shows an ADMIN the company’s use against its limits, read without spending anything', async () => {
    const admin = await newCompany(sut);
    const key = await newApiKey(sut, admin);
    let bytes = 0;
    for (let i = 0; i < 3; i++) {
      const body = lead();
      bytes += Buffer.byteLength(body);
      expect((await post(sut, key.secret, body)).status).toBe(201);
    }
    const first = await sut.gql(USAGE, {}, admin.token);
    const again = await sut.gql(USAGE, {}, admin.token);
    expect(first.errors).toBeUndefined();
    // (Reset times are computed at each read from the time left: equal to a few milliseconds.)
    const counts = (u: Record<string, unknown>) => ({ ...u, requestsResetAt: 0, bytesResetAt: 0 });
    expect(counts(again.data?.ingestionUsage)).toEqual(counts(first.data?.ingestionUsage));
    expect(
      Math.abs(
        Date.parse(again.data?.ingestionUsage.requestsResetAt) -
          Date.parse(first.data?.ingestionUsage.requestsResetAt),
      ),
    ).toBeLessThan(1000);
    const usage = first.data?.ingestionUsage;
    expect(usage).toEqual({
      requestsThisMinute: 3,
      requestLimitPerMinute: 4,
      requestsResetAt: expect.any(String),
      bytesToday: bytes,
      byteLimitPerDay: 2048,
      bytesResetAt: expect.any(String),
      retentionDays: 90,
    });
    expect(Date.parse(usage.requestsResetAt) - Date.now()).toBeLessThanOrEqual(60_000);
    expect(new Date(usage.bytesResetAt).toISOString()).toMatch(/T00:00:00\.000Z$/);
    // Reading it spent nothing: the fourth submission of the minute still goes through, not a fifth.
    expect((await post(sut, key.secret, lead())).status).toBe(201);
    expect((await post(sut, key.secret, lead())).status).toBe(429);
  });

  it('shows another company’s admin only their own usage, and refuses MANAGER and SALES_REP', async () => {
    const admin = await newCompany(sut);
    const key = await newApiKey(sut, admin);
    expect((await post(sut, key.secret, lead())).status).toBe(201);
    const stranger = await newCompany(sut);
    const theirs = await sut.gql(USAGE, {}, stranger.token);
    expect(theirs.data?.ingestionUsage).toMatchObject({
      requestsThisMinute: 0,
      requestsResetAt: null,
      bytesToday: 0,
    });
    for (const role of [Role.MANAGER, Role.SALES_REP]) {
      const user = await newUser(sut, admin, role);
      const denied = await sut.gql(USAGE, {}, user.token);
      expect(denied.data).toBeNull();
      expect(denied.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'NOT_PERMITTED',
      });
    }
    const anonymous = await sut.gql(USAGE, {});
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('says a journal kept forever is an explicit choice (INGEST_RETENTION_DAYS=0)', async () => {
    const forever = await startTestApp({ INGEST_RETENTION_DAYS: '0' }, sut.db);
    try {
      const admin = await newCompany(forever);
      const usage = await forever.gql(USAGE, {}, admin.token);
      expect(usage.data?.ingestionUsage.retentionDays).toBeNull();
    } finally {
      await forever.app.close();
    }
  });
});

describe('the company ingestion budget and each key’s own limit', () => {
  it('lets a form flooding past its own limit spend nothing of what its company’s other forms share', async () => {
    const sut = await startTestApp({
      INGEST_RATE_LIMIT_PER_MINUTE: '2',
      INGEST_COMPANY_LIMIT_PER_MINUTE: '4',
    });
    try {
      const admin = await newCompany(sut);
      const [flooding, quiet] = [await newApiKey(sut, admin), await newApiKey(sut, admin)];
      const flood = [];
      for (let i = 0; i < 6; i++) flood.push(await post(sut, flooding.secret, lead()));
      expect(flood.map((a) => a.status)).toEqual([201, 201, 429, 429, 429, 429]);
      // The key's own limit: the sender's usual answer, no company reason.
      expect(flood[2].body).toEqual({ ok: false, error: 'rate_limited' });
      const usage = await sut.gql(USAGE, {}, admin.token);
      expect(usage.data?.ingestionUsage.requestsThisMinute).toBe(2);
      const others = [await post(sut, quiet.secret, lead()), await post(sut, quiet.secret, lead())];
      expect(others.map((a) => a.status)).toEqual([201, 201]);
    } finally {
      await sut.close();
    }
  });
});

withRedis('the company ingestion budget shared through Redis', () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = { REDIS_URL: redisUrl(), INGEST_COMPANY_LIMIT_PER_MINUTE: '3' };
    [a, b] = await Promise.all([startTestApp(env, db), startTestApp(env, db)]);
  });
  afterAll(async () => {
    await Promise.all([a.app.close(), b.app.close()]);
    await db.drop();
  });

  it('counts a company’s submissions on every instance together', async () => {
    // A new company each run: its counters in the shared Redis are its own.
    const admin = await newCompany(a);
    const [one, two] = [await newApiKey(a, admin), await newApiKey(a, admin)];
    const statuses = [];
    for (const [app, key] of [
      [a, one],
      [b, two],
      [a, two],
      [b, one],
    ] as const)
      statuses.push((await post(app, key.secret, lead())).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    const usage = await b.gql(USAGE, {}, admin.token);
    expect(usage.data?.ingestionUsage).toMatchObject({
      requestsThisMinute: 4,
      requestLimitPerMinute: 3,
    });
    const onA = await a.gql(USAGE, {}, admin.token);
    expect(onA.data?.ingestionUsage.bytesToday).toBe(usage.data?.ingestionUsage.bytesToday);
  });
});
