import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { QueryTypes } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { completion, FakeAiProvider, status } from '../support/fake-ai-provider.js';
import { newCompany, type TestUser } from '../support/factories.js';
import { newLead } from '../support/lead-factory.js';
import { startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { redisUrl, withRedis } from '../support/test-env.js';

const REGENERATE = 'mutation($id: ID!) { regenerateSummary(id: $id) { summary summaryProvider } }';
const LEAD = 'query($id: ID!) { lead(id: $id) { summary summaryProvider } }';
const ALLOW = 'mutation { setExternalAiAllowed(allowed: true) }';
const COMPANY_SPENT = /Your company's budget of AI summaries is spent/;
const EVERYONE_SPENT = /^The budget of AI summaries is spent/;

/** The provider's test settings, and summaries per user limited far above what the tests ask. */
const aiEnv = (baseUrl: string, env: Record<string, string>): Record<string, string> => ({
  OPENROUTER_API_KEY: 'sk-or-test',
  AI_BASE_URL: baseUrl,
  AI_MODEL: 'test/budgeted',
  AI_ATTEMPT_TIMEOUT_MS: '500',
  AI_TOTAL_TIMEOUT_MS: '5000',
  SUMMARY_LIMIT_PER_MINUTE: '1000',
  ...env,
});

/** A company, its ADMIN and one of its leads; `ai`: the ADMIN allowed the external provider. */
async function companyWithLead(
  app: TestApp,
  ai: boolean,
): Promise<{ admin: TestUser; leadId: string }> {
  const admin = await newCompany(app);
  if (ai) expect((await app.gql(ALLOW, {}, admin.token)).data?.setExternalAiAllowed).toBe(true);
  const lead = await newLead(app, admin);
  return { admin, leadId: lead.id as string };
}

type Summary = { summary: string; summaryProvider: string };

const regenerate = (app: TestApp, c: { admin: TestUser; leadId: string }) =>
  app.gql<{ regenerateSummary: Summary }>(REGENERATE, { id: c.leadId }, c.admin.token);

/** The error's code, reason and message, or `ok: <provider>` for a summary written. */
function outcome(res: GraphQLResponse<{ regenerateSummary: Summary }>): string {
  const [error] = res.errors ?? [];
  if (error) return `${error.extensions.code}/${String(error.extensions.reason)}`;
  return `ok: ${res.data?.regenerateSummary.summaryProvider}`;
}

const ok = 'ok: test/budgeted';
const builtIn = 'ok: built-in';
const spent = 'RATE_LIMITED/AI_BUDGET_SPENT';

describe('AI budgets per hour, in memory', () => {
  const provider = new FakeAiProvider();
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(
      aiEnv(await provider.start(), { AI_CALLS_PER_COMPANY_PER_HOUR: '2', AI_CALLS_PER_HOUR: '8' }),
    );
  });
  afterAll(async () => {
    await sut.close();
    await provider.close();
  });

  // The tests run in order and share everyone's budget (8): 2 + 1, then 2 + 2, then 1.

  it("refuses a company whose budget is spent, before any call; others' and built-in summaries go on", async () => {
    const a = await companyWithLead(sut, true);
    const b = await companyWithLead(sut, true);
    const builtInCompany = await companyWithLead(sut, false);
    provider.answer(completion('A summary.'));

    const results = [];
    for (let i = 0; i < 3; i++) results.push(await regenerate(sut, a));
    expect(results.map(outcome)).toEqual([ok, ok, spent]);
    expect(provider.calls).toHaveLength(2);
    const refusal = results[2].errors![0];
    expect(refusal.message).toMatch(COMPANY_SPENT);
    expect(refusal.extensions.retryAfter).toBeGreaterThan(3500);
    expect(refusal.extensions.retryAfter).toBeLessThanOrEqual(3600);
    // The lead keeps the summary it had.
    expect((await sut.gql(LEAD, { id: a.leadId }, a.admin.token)).data?.lead).toEqual({
      summary: 'A summary.',
      summaryProvider: 'test/budgeted',
    });

    expect(outcome(await regenerate(sut, b))).toBe(ok);
    // The built-in summarizer is never counted: more than any AI budget, all answered.
    for (let i = 0; i < 3; i++)
      expect(outcome(await regenerate(sut, builtInCompany))).toBe(builtIn);
    expect(provider.calls).toHaveLength(3);
  });

  it('counts aliases in one request one call each, and every retry one call', async () => {
    const c = await companyWithLead(sut, true);
    provider.answer(completion('Aliased.'));
    const res = await sut.gql(
      `mutation($id: ID!) { a: regenerateSummary(id: $id) { summary }
         b: regenerateSummary(id: $id) { summary } c: regenerateSummary(id: $id) { summary } }`,
      { id: c.leadId },
      c.admin.token,
    );
    // Mutation fields run one after the other: a and b were written, c refused (and, a Lead being
    // non-null, the refusal nulls the whole answer).
    expect(res.errors?.map((e) => [e.path, e.extensions.reason])).toEqual([
      [['c'], 'AI_BUDGET_SPENT'],
    ]);
    expect(provider.calls).toHaveLength(2);
    expect((await sut.gql(LEAD, { id: c.leadId }, c.admin.token)).data?.lead.summary).toBe(
      'Aliased.',
    );

    // A provider that keeps failing: the first call and one retry spend the company's two, and
    // the third attempt (AI_MAX_ATTEMPTS) is not made.
    const d = await companyWithLead(sut, true);
    provider.answer(status(500));
    expect(outcome(await regenerate(sut, d))).toBe(spent);
    expect(provider.calls).toHaveLength(2);
  });

  it("refuses every company using AI once everyone's budget is spent; built-in summaries go on", async () => {
    const e = await companyWithLead(sut, true);
    const f = await companyWithLead(sut, true);
    const builtInCompany = await companyWithLead(sut, false);
    provider.answer(completion('Last one.'));
    // 7 of the 8 are spent; the refused calls above gave back what they took.
    expect(outcome(await regenerate(sut, e))).toBe(ok);
    for (const company of [e, f]) {
      const res = await regenerate(sut, company);
      expect(outcome(res)).toBe(spent);
      expect(res.errors![0].message).toMatch(EVERYONE_SPENT);
    }
    expect(provider.calls).toHaveLength(1);
    expect(outcome(await regenerate(sut, builtInCompany))).toBe(builtIn);
  });
});

describe('AI budgets per day, in memory', () => {
  const provider = new FakeAiProvider();
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp(
      aiEnv(await provider.start(), { AI_CALLS_PER_COMPANY_PER_DAY: '1', AI_CALLS_PER_DAY: '2' }),
    );
  });
  afterAll(async () => {
    await sut.close();
    await provider.close();
  });

  it("refuses a company's second call of the day, and everyone's third", async () => {
    const [a, b, c] = [
      await companyWithLead(sut, true),
      await companyWithLead(sut, true),
      await companyWithLead(sut, true),
    ];
    provider.answer(completion('Daily.'));
    const results = [
      await regenerate(sut, a),
      await regenerate(sut, a),
      await regenerate(sut, b),
      await regenerate(sut, c),
    ];
    expect(results.map(outcome)).toEqual([ok, spent, ok, spent]);
    expect(results[1].errors![0].message).toMatch(COMPANY_SPENT);
    expect(results[3].errors![0].message).toMatch(EVERYONE_SPENT);
    for (const refused of [results[1], results[3]])
      expect(refused.errors![0].extensions.retryAfter).toBeGreaterThan(3600);
    expect(provider.calls).toHaveLength(2);
  });
});

withRedis('AI budgets shared through Redis', () => {
  const provider = new FakeAiProvider();
  let baseUrl: string;
  let db: TestDatabase;
  let one: TestApp;
  let two: TestApp;
  let redis: Redis;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = new Redis(redisUrl()!);
    // Everyone's budget is keyed by the provider's URL: this run's fake provider, on its own port.
    baseUrl = await provider.start();
    const env = aiEnv(baseUrl, {
      REDIS_URL: redisUrl()!,
      AI_CALLS_PER_COMPANY_PER_HOUR: '2',
      AI_CALLS_PER_HOUR: '3',
    });
    [one, two] = await Promise.all([startTestApp(env, db), startTestApp(env, db)]);
  });
  afterAll(async () => {
    await Promise.all([one.close(), two.close()]);
    const key = createHash('sha256').update(baseUrl).digest('hex').slice(0, 16);
    await redis.del(`rl:ai-hour:${key}`, `rl:ai-day:${key}`);
    await redis.quit();
    await provider.close();
    await db.drop();
  });

  it('counts the calls of every instance together, per company and for everyone', async () => {
    const a = await companyWithLead(one, true);
    const b = await companyWithLead(one, true);
    provider.answer(completion('Shared.'));
    const results = [
      await regenerate(one, a),
      await regenerate(two, a),
      await regenerate(one, a),
      await regenerate(two, b),
      await regenerate(one, b),
    ];
    expect(results.map(outcome)).toEqual([ok, ok, spent, ok, spent]);
    expect(results[2].errors![0].message).toMatch(COMPANY_SPENT);
    expect(results[4].errors![0].message).toMatch(EVERYONE_SPENT);
    expect(provider.calls).toHaveLength(3);

    const [{ companyId }] = await one.app
      .get(Sequelize)
      .query<{ companyId: string }>('SELECT company_id AS "companyId" FROM users WHERE id = $1', {
        bind: [a.admin.id],
        type: QueryTypes.SELECT,
      });
    expect(Number(await redis.get(`rl:ai-company-hour:${companyId}`))).toBeGreaterThanOrEqual(2);
  });
});
