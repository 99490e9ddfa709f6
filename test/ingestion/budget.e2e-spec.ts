import { randomUUID } from 'node:crypto';
import { Sequelize } from 'sequelize-typescript';
import { Role } from '../../src/auth/role.enum.js';
import { newApiKey, newCompany, newUser, type TestUser } from '../support/factories.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { redisUrl, withRedis } from '../support/test-env.js';
import { submitLead as post, type FormAnswer as Answer } from '../support/lead-form.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

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

/** The smallest day's budget loadConfig takes with a 1 KiB body limit, rounded up. */
const DAY_BYTES = 20_000;

const bytesToday = async (app: TestApp, admin: TestUser): Promise<number> => {
  const usage = await app.gql(USAGE, {}, admin.token);
  return usage.data?.ingestionUsage.bytesToday as number;
};

/** What PostgreSQL says a submission's journal row takes (its tuple, TOASTed values included). */
const rowSize = async (app: TestApp, requestId: string): Promise<number> => {
  const [row] = await app.app
    .get(Sequelize)
    .query<{ size: number }>(
      'SELECT pg_column_size(r.*)::int AS size FROM leads_raw r WHERE request_id = $1',
      { bind: [requestId], type: 'SELECT' as never },
    );
  return row.size;
};

describe('the company ingestion budget (in memory, no Redis)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({
      INGEST_COMPANY_LIMIT_PER_MINUTE: '4',
      INGEST_BODY_LIMIT_BYTES: '1024',
      INGEST_COMPANY_BYTES_PER_DAY: String(DAY_BYTES),
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
    // Charged what the rows store: more than their bodies.
    expect(usage.bytesToday).toBeGreaterThan(bytes);
    expect(usage).toEqual({
      requestsThisMinute: 3,
      requestLimitPerMinute: 4,
      requestsResetAt: expect.any(String),
      bytesToday: expect.any(Number),
      byteLimitPerDay: DAY_BYTES,
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

describe('the company byte budget: what a submission stores (in memory, no Redis)', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({
      INGEST_BODY_LIMIT_BYTES: '1024',
      INGEST_COMPANY_BYTES_PER_DAY: String(DAY_BYTES),
    });
  });
  afterAll(() => sut.close());

  it('refuses a company past its bytes of the UTC day until midnight, giving the refused bytes back', async () => {
    const admin = await newCompany(sut);
    const company = await companyIdOf(sut, admin);
    const key = await newApiKey(sut, admin);
    // Bodies of one size and shape, one User-Agent, request ids of one length: one charge each.
    expect((await post(sut, key.secret, leadOfSize(900))).status).toBe(201);
    const charge = await bytesToday(sut, admin);
    // Not the body alone: its jsonb copy and the row's fixed columns and index entries too.
    expect(charge).toBeGreaterThan(2 * 900);
    const fits = Math.floor(DAY_BYTES / charge);
    for (let i = 1; i < fits; i++)
      expect((await post(sut, key.secret, leadOfSize(900))).status).toBe(201);
    const over = await post(sut, key.secret, leadOfSize(900));
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({
      reason: 'COMPANY_INGEST_BUDGET_SPENT',
      limit: 'bytes_per_day',
    });
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(Math.abs(retryAfter - secondsToUtcMidnight())).toBeLessThan(5);
    // The refused submission's bytes were not kept against the day.
    expect(await bytesToday(sut, admin)).toBe(fits * charge);
    expect(await journalOf(sut, company)).toEqual({ n: fits, bytes: fits * 900 });
  });

  it('charges a submission at least what its row takes: a long User-Agent, an Idempotency-Key, a jsonb copy bigger than its text', async () => {
    const admin = await newCompany(sut);
    const key = await newApiKey(sut, admin);
    // A JSON object of one-digit numbers: jsonb takes several times its text.
    const digits = JSON.stringify({
      email: `d-${randomUUID()}@example.com`,
      n: Array(400).fill(7),
    });
    const cases: { body: string; headers: Record<string, string>; atLeast: number }[] = [
      // The reviewer's case: 2 bytes of body, a row of a kilobyte and more.
      { body: '{}', headers: { 'user-agent': 'u'.repeat(1000) }, atLeast: 1000 },
      // The key is kept in leads_raw and in leads_idempotency (row and index).
      { body: lead(), headers: { 'idempotency-key': 'k'.repeat(255) }, atLeast: 3 * 255 },
      { body: digits, headers: {}, atLeast: 0 },
    ];
    for (const c of cases) {
      const before = await bytesToday(sut, admin);
      const answer = await post(sut, key.secret, c.body, c.headers);
      expect(answer.status).toBeLessThan(300);
      const charged = (await bytesToday(sut, admin)) - before;
      const stored = await rowSize(sut, answer.headers.get('x-request-id') ?? '');
      expect(charged).toBeGreaterThanOrEqual(stored + c.atLeast);
    }
  });

  it('gives back the bytes of a submission its key could not store, revoked since it was last used (401)', async () => {
    const admin = await newCompany(sut);
    const company = await companyIdOf(sut, admin);
    const key = await newApiKey(sut, admin);
    // Used once: this instance remembers the key as usable and skips looking it up next time.
    expect((await post(sut, key.secret, lead())).status).toBe(201);
    const revoked = await sut.gql(
      'mutation($id: ID!) { revokeApiKey(id: $id) { id } }',
      { id: key.id },
      admin.token,
    );
    expect(revoked.errors).toBeUndefined();
    const before = await sut.gql(USAGE, {}, admin.token);
    // The statement that stores it authenticates the key again, and stores nothing.
    const refused = await post(sut, key.secret, leadOfSize(900));
    expect(refused.status).toBe(401);
    const after = await sut.gql(USAGE, {}, admin.token);
    expect(after.data?.ingestionUsage.bytesToday).toBe(before.data?.ingestionUsage.bytesToday);
    // It still counts for the minute, as any refusal does.
    expect(after.data?.ingestionUsage.requestsThisMinute).toBe(
      (before.data?.ingestionUsage.requestsThisMinute as number) + 1,
    );
    expect(await journalOf(sut, company)).toMatchObject({ n: 1 });
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
