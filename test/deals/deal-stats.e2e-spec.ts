import { Role } from '../../src/auth/role.enum.js';
import { dbRows, newDeal } from '../support/deal-factory.js';
import { newCompany, newUser, type TestUser } from '../support/factories.js';
import { newLead } from '../support/lead-factory.js';
import { redisUrl, withRedis } from '../support/test-env.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PIPELINE = `query($from: DateTime, $to: DateTime) {
  pipelineStats(createdFrom: $from, createdTo: $to) {
    stage count totalValue avgLeadScore otherCurrencies { currency totalValue } } }`;
const MINE = `query($from: DateTime, $to: DateTime) {
  myDealsStats(createdFrom: $from, createdTo: $to) {
    open won lost totalValue wonValue winRate currency otherCurrencies { currency totalValue wonValue } } }`;
const UPDATE = 'mutation($i: UpdateDealInput!) { updateDeal(updateDealInput: $i) { id } }';

type Stage = { stage: string; count: number; totalValue: string; avgLeadScore: number };

const EMPTY_PIPELINE = ['LEAD', 'QUALIFIED', 'NEGOTIATION', 'CLOSED_WON', 'CLOSED_LOST'].map(
  (stage) => ({ stage, count: 0, totalValue: '0.00', avgLeadScore: 0, otherCurrencies: [] }),
);

/** Inserts a deal behind the API's back: no version bump, so only a cache miss would count it. */
const sneakIn = (sut: TestApp, user: TestUser, value: string) =>
  dbRows(
    sut,
    `INSERT INTO deals (company_id, title, value, currency, lead_score)
     SELECT company_id, 'Sneaked', $2, 'USD', 0 FROM users WHERE id = $1`,
    [user.id, value],
  );

describe('pipelineStats and myDealsStats', () => {
  let sut: TestApp;
  let admin: TestUser;
  let rep: TestUser;

  beforeAll(async () => {
    sut = await startTestApp();
    admin = await newCompany(sut);
    rep = await newUser(sut, admin, Role.SALES_REP);
  });
  afterAll(() => sut.close());

  const pipeline = async (user: TestUser, vars: Record<string, unknown> = {}) => {
    const res = await sut.gql(PIPELINE, vars, user.token);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.pipelineStats as Stage[];
  };
  const myStats = async (user: TestUser, vars: Record<string, unknown> = {}) => {
    const res = await sut.gql(MINE, vars, user.token);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.myDealsStats;
  };

  it('lists every stage with zeros, then exact totals per currency', async () => {
    const company = await newCompany(sut);
    expect(await pipeline(company)).toEqual(EMPTY_PIPELINE);

    await newDeal(sut, company, { value: '0.10' }); // LEAD 10 + MEDIUM 5
    await newDeal(sut, company, { value: '0.20', priority: 'HIGH' }); // 10 + 0 + 10
    await newDeal(sut, company, { value: '1000.05', currency: 'EUR' }); // 10 + 5 + 5 + 0
    await newDeal(sut, company, { stage: 'CLOSED_WON', value: '999999999999.99' });
    await newDeal(sut, company, { stage: 'CLOSED_WON', value: '0.01' });
    await newDeal(sut, company, { stage: 'CLOSED_LOST' });

    expect(await pipeline(company)).toEqual([
      {
        stage: 'LEAD',
        count: 3,
        totalValue: '0.30',
        avgLeadScore: 18.33, // (15 + 20 + 20) / 3
        otherCurrencies: [{ currency: 'EUR', totalValue: '1000.05' }],
      },
      EMPTY_PIPELINE[1],
      EMPTY_PIPELINE[2],
      {
        stage: 'CLOSED_WON',
        count: 2,
        totalValue: '1000000000000.00',
        avgLeadScore: 100,
        otherCurrencies: [],
      },
      { ...EMPTY_PIPELINE[4], count: 1 },
    ]);
  });

  it('is never stale after a write, while serving from its cache otherwise', async () => {
    const company = await newCompany(sut);
    const deal = await newDeal(sut, company, { value: '100' });
    expect((await pipeline(company))[0]).toMatchObject({ count: 1, totalValue: '100.00' });

    await sneakIn(sut, company, '5');
    // Cached: the deal written behind the API's back is not counted yet.
    expect((await pipeline(company))[0]).toMatchObject({ count: 1, totalValue: '100.00' });

    // Any write through the API makes every cached figure unreachable at its commit.
    await sut.gql(UPDATE, { i: { id: deal.id, stage: 'QUALIFIED' } }, company.token);
    const afterUpdate = await pipeline(company);
    expect(afterUpdate[0]).toMatchObject({ count: 1, totalValue: '5.00' });
    expect(afterUpdate[1]).toMatchObject({ count: 1, totalValue: '100.00' });

    await sut.gql(
      'mutation($ids: [ID!]!) { bulkUpdateDeals(ids: $ids, input: { stage: CLOSED_WON }) { count } }',
      { ids: [deal.id] },
      company.token,
    );
    expect((await pipeline(company))[3]).toMatchObject({ count: 1, totalValue: '100.00' });

    await sut.gql('mutation($id: ID!) { removeDeal(id: $id) }', { id: deal.id }, company.token);
    expect((await pipeline(company))[3]).toMatchObject({ count: 0, totalValue: '0.00' });
    await sut.gql(
      'mutation($id: ID!) { restoreDeal(id: $id) { id } }',
      { id: deal.id },
      company.token,
    );
    expect((await pipeline(company))[3]).toMatchObject({ count: 1 });

    await sut.gql(
      'mutation($ids: [ID!]!) { bulkDeleteDeals(ids: $ids) { count } }',
      { ids: [deal.id] },
      company.token,
    );
    expect((await pipeline(company))[3]).toMatchObject({ count: 0 });
  });

  it('sums in the company’s currency, and follows it when an ADMIN changes it', async () => {
    const company = await newCompany(sut);
    await newDeal(sut, company, { value: '10.00' });
    await newDeal(sut, company, { value: '20.00', currency: 'EUR' });
    expect((await pipeline(company))[0]).toMatchObject({
      totalValue: '10.00',
      otherCurrencies: [{ currency: 'EUR', totalValue: '20.00' }],
    });
    const set = await sut.gql(
      'mutation { setCompanyCurrency(currency: "EUR") { currency } }',
      {},
      company.token,
    );
    expect(set.errors).toBeUndefined();
    expect((await pipeline(company))[0]).toMatchObject({
      totalValue: '20.00',
      otherCurrencies: [{ currency: 'USD', totalValue: '10.00' }],
    });
    expect((await myStats(company)).currency).toBe('EUR');
  });

  it('counts deals created in the range given, and refuses a range that ends before it starts', async () => {
    const company = await newCompany(sut);
    await newDeal(sut, company, { value: '1' });
    const now = Date.now();
    const inRange = {
      from: new Date(now - 3_600_000).toISOString(),
      to: new Date(now + 60_000).toISOString(),
    };
    expect((await pipeline(company, inRange))[0].count).toBe(1);
    // Ranges are widened to whole UTC hours: two hours ahead starts after the deal's hour.
    const later = { from: new Date(now + 2 * 3_600_000).toISOString() };
    expect((await pipeline(company, later))[0].count).toBe(0);
    const earlier = { to: new Date(now - 3_600_000).toISOString() };
    expect((await myStats(company, earlier)).open).toBe(0);
    const backwards = await sut.gql(
      PIPELINE,
      { from: inRange.to, to: inRange.from },
      company.token,
    );
    expect(backwards.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { createdTo: expect.any(Array) },
    });
  });

  it('gives a user their own open, won and lost deals and their win rate', async () => {
    const manager = await newUser(sut, admin, Role.MANAGER);
    const seller = await newUser(sut, admin, Role.SALES_REP);
    expect(await myStats(seller)).toEqual({
      open: 0,
      won: 0,
      lost: 0,
      totalValue: '0.00',
      wonValue: '0.00',
      winRate: null,
      currency: 'USD',
      otherCurrencies: [],
    });
    await newDeal(sut, seller, { value: '100.50' });
    await newDeal(sut, seller, { value: '200', stage: 'QUALIFIED' });
    await newDeal(sut, seller, { value: '300.25', stage: 'CLOSED_WON' });
    await newDeal(sut, seller, { value: '50', stage: 'CLOSED_WON', currency: 'GBP' });
    await newDeal(sut, seller, { value: '999', stage: 'CLOSED_LOST' });
    await newDeal(sut, manager, { value: '7', assignedToId: rep.id, stage: 'CLOSED_WON' });
    expect(await myStats(seller)).toEqual({
      open: 2,
      won: 2,
      lost: 1,
      totalValue: '1599.75',
      wonValue: '300.25',
      winRate: 2 / 3,
      currency: 'USD',
      otherCurrencies: [{ currency: 'GBP', totalValue: '50.00', wonValue: '50.00' }],
    });
    expect((await myStats(manager)).open).toBe(0);
  });

  it('counts only the caller’s company, whoever asks', async () => {
    const mine = await newCompany(sut);
    const other = await newCompany(sut);
    expect(await pipeline(mine)).toEqual(EMPTY_PIPELINE);
    await newDeal(sut, other, { value: '12345.00' });
    // A write of mine makes my figures computed afresh: still without the other company's deal.
    await newDeal(sut, mine, { value: '1.00', assignedToId: mine.id });
    expect((await pipeline(mine))[0]).toMatchObject({ count: 1, totalValue: '1.00' });
    expect((await myStats(mine)).totalValue).toBe('1.00');
    expect((await pipeline(other))[0]).toMatchObject({ count: 1, totalValue: '12345.00' });
  });
});

describe('ranged statistics: one cached figure per hour, and a per-company limit on the rest', () => {
  let sut: TestApp;
  const HOUR = 3_600_000;
  const iso = (ms: number) => new Date(ms).toISOString();

  beforeAll(async () => {
    sut = await startTestApp({ DEAL_STATS_UNCACHED_PER_MINUTE: '3' });
  });
  afterAll(() => sut.close());

  /** `n` aliases of pipelineStats, each with its own milliseconds inside the same whole hours. */
  const aliased = (hour: number, n: number, shift: number) =>
    `{ ${Array.from(
      { length: n },
      (_, i) =>
        `a${i}: pipelineStats(createdFrom: "${iso(hour - HOUR + 1 + shift + i)}", createdTo: "${iso(hour + HOUR - 1 - shift - i)}") { stage count totalValue }`,
    ).join(' ')} }`;

  it('computes 15 aliases with distinct milliseconds in one hour once, and serves them from the cache', async () => {
    const company = await newCompany(sut);
    await newDeal(sut, company, { value: '10.00' });
    const hour = Math.floor(Date.now() / HOUR) * HOUR;
    const first = await sut.gql(aliased(hour, 15, 0), {}, company.token);
    // Fifteen aggregates would have spent the company's three uncached ones: none was refused.
    expect(first.errors).toBeUndefined();
    const figures = Object.values(first.data ?? {}) as Stage[][];
    expect(figures).toHaveLength(15);
    for (const figure of figures)
      expect(figure[0]).toMatchObject({ count: 1, totalValue: '10.00' });

    // A deal written behind the API's back is not counted by other milliseconds of the same hours:
    // the figure comes from the cache entry of the first query.
    await sneakIn(sut, company, '5.00');
    const again = await sut.gql(aliased(hour, 15, 100), {}, company.token);
    expect(again.errors).toBeUndefined();
    for (const figure of Object.values(again.data ?? {}) as Stage[][])
      expect(figure[0]).toMatchObject({ count: 1, totalValue: '10.00' });
  });

  it('refuses a company its uncached ranges beyond the limit, and no other company', async () => {
    const busy = await newCompany(sut);
    const calm = await newCompany(sut);
    const hour = Math.floor(Date.now() / HOUR) * HOUR;
    const range = (hoursBack: number) => ({
      from: iso(hour - hoursBack * HOUR),
      to: iso(hour + HOUR),
    });
    for (const hoursBack of [1, 2, 3]) {
      const res = await sut.gql(PIPELINE, range(hoursBack), busy.token);
      expect(res.errors).toBeUndefined();
    }
    const fourth = await sut.gql(PIPELINE, range(4), busy.token);
    expect(fourth.data).toBeNull();
    expect(fourth.errors?.[0].extensions).toMatchObject({
      code: 'RATE_LIMITED',
      reason: 'UNCACHED_STATS_LIMITED',
      retryAfter: expect.any(Number),
    });
    const mine = await sut.gql(MINE, range(5), busy.token);
    expect(mine.errors?.[0].extensions?.reason).toBe('UNCACHED_STATS_LIMITED');
    // What is cached, and the figures without a range, still answer; so does another company.
    expect((await sut.gql(PIPELINE, range(1), busy.token)).errors).toBeUndefined();
    expect((await sut.gql(PIPELINE, {}, busy.token)).errors).toBeUndefined();
    const theirs = await sut.gql(PIPELINE, range(4), calm.token);
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data?.pipelineStats).toEqual(EMPTY_PIPELINE);
  });
});

describe('deal_totals', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(() => sut.close());

  it('always equals what it sums: the live deals per company, assignee, stage and currency', async () => {
    const admin = await newCompany(sut);
    const rep = await newUser(sut, admin, Role.SALES_REP);
    const deals = [];
    for (let i = 0; i < 12; i++)
      deals.push(
        await newDeal(sut, admin, {
          value: i % 4 === 0 ? null : `${i * 1000}.${String(i).padStart(2, '0')}`,
          currency: i % 3 === 0 ? 'EUR' : 'USD',
          assignedToId: i % 2 === 0 ? rep.id : null,
        }),
      );
    const ids = deals.map((d) => d.id);
    const gql = (query: string, variables: Record<string, unknown>) =>
      sut.gql(query, variables, admin.token);
    await gql(UPDATE, { i: { id: ids[1], value: '77.70', stage: 'NEGOTIATION' } });
    await gql(UPDATE, { i: { id: ids[2], assignedToId: null, currency: 'GBP' } });
    await gql(
      'mutation($ids: [ID!]!) { bulkUpdateDeals(ids: $ids, input: { stage: CLOSED_WON, assignedToId: null }) { count } }',
      { ids: ids.slice(3, 8) },
    );
    await gql('mutation($ids: [ID!]!) { bulkDeleteDeals(ids: $ids) { count } }', {
      ids: ids.slice(6, 10),
    });
    await gql('mutation($id: ID!) { restoreDeal(id: $id) { id } }', { id: ids[7] });
    await gql('mutation($id: ID!) { removeDeal(id: $id) }', { id: ids[11] });
    const lead = await newLead(sut, admin, { budget: 4321 });
    await gql('mutation($id: ID!) { convertLeadToDeal(leadId: $id) { id } }', { id: lead.id });

    const summed = (from: string) =>
      dbRows(
        sut,
        `SELECT assignee::text, stage, currency, deals::int, round(total_value, 2)::text AS total, score_sum::int AS score
         FROM (${from}) t WHERE company_id = (SELECT company_id FROM users WHERE id = $1) AND deals <> 0
         ORDER BY 1, 2, 3`,
        [admin.id],
      );
    const kept = await summed('SELECT * FROM deal_totals');
    const recomputed = await summed(
      `SELECT company_id, coalesce(assigned_to_id, '00000000-0000-0000-0000-000000000000') AS assignee,
         stage, currency, count(*) AS deals, coalesce(sum(value), 0) AS total_value, sum(lead_score) AS score_sum
       FROM deals WHERE deleted_at IS NULL GROUP BY 1, 2, 3, 4`,
    );
    expect(kept.length).toBeGreaterThan(3);
    expect(kept).toEqual(recomputed);
  });
});

// Without REDIS_URL the instances would not share a cache: reported skipped, as the other Redis cases.

withRedis('deal statistics on two instances sharing Redis', () => {
  let a: TestApp;
  let b: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    a = await startTestApp({ REDIS_URL: redisUrl() });
    b = await startTestApp({ REDIS_URL: redisUrl() }, a.db);
    admin = await newCompany(a);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('answers a read on one instance after a write on the other with the write counted', async () => {
    const read = async (app: TestApp) =>
      ((await app.gql(PIPELINE, {}, admin.token)).data?.pipelineStats as Stage[])[0];
    await newDeal(a, admin, { value: '1.00' });
    expect(await read(b)).toMatchObject({ count: 1, totalValue: '1.00' });
    // A shares what B computed: the figure is in Redis, not in either process.
    await sneakIn(a, admin, '2.00');
    expect(await read(a)).toMatchObject({ count: 1, totalValue: '1.00' });
    await newDeal(a, admin, { value: '4.00' });
    expect(await read(b)).toMatchObject({ count: 3, totalValue: '7.00' });
  });
});
