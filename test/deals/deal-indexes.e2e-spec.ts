import { Sequelize } from 'sequelize-typescript';
import { newCompany, type TestUser } from '../support/factories.js';
import { planOf as plan } from '../support/query-plans.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every deals list the API sends is served by the index of migration 0015 meant for it (the
 * statistics by 0016's). The
 * company gets 20 000 deals, varied as a pipeline is, and fresh statistics first.
 */
describe('deal queries use their indexes', () => {
  let sut: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    sut = await startTestApp();
    admin = await newCompany(sut);
    const sequelize = sut.app.get(Sequelize);
    await sequelize.query(
      `INSERT INTO deals (company_id, title, notes, value, currency, stage, priority, lead_score,
         expected_close_date, closed_at, assigned_to_id, created_at)
       SELECT u.company_id, 'Deal ' || g || CASE WHEN g % 500 = 0 THEN ' rareword' ELSE '' END,
         'Notes of deal ' || g, CASE WHEN g % 10 = 0 THEN NULL ELSE (g % 997) * 100.25 END, 'USD',
         (ARRAY['LEAD','QUALIFIED','NEGOTIATION','CLOSED_WON','CLOSED_LOST'])[1 + g % 5],
         (ARRAY['LOW','MEDIUM','HIGH','URGENT'])[1 + g % 4], g % 101,
         CASE WHEN g % 7 = 0 THEN NULL ELSE DATE '2027-01-01' + (g % 365) END,
         CASE WHEN g % 5 IN (3, 4) THEN now() END,
         CASE WHEN g % 3 = 0 THEN u.id END, now() - g * interval '1 minute'
       FROM users u, generate_series(1, 20000) g WHERE u.id = $1`,
      { bind: [admin.id] },
    );
    await sequelize.query('VACUUM ANALYZE deals');
  }, 120_000);
  afterAll(() => sut.close());

  const planOf = (query: string, pick: RegExp, options?: { seqscan?: boolean }) =>
    plan(sut, admin, query, pick, options);
  const DEALS = /FROM deals WHERE/;

  it.each([
    ['newest first', '{ deals { id } }', 'deals_by_created'],
    ['by updatedAt', '{ deals(orderBy: { field: UPDATED_AT }) { id } }', 'deals_by_updated'],
    ['by value', '{ deals(orderBy: { field: VALUE }) { id } }', 'deals_by_value'],
    ['by lead score', '{ deals(orderBy: { field: LEAD_SCORE }) { id } }', 'deals_by_lead_score'],
    [
      'by expected close',
      '{ deals(orderBy: { field: EXPECTED_CLOSE_DATE, direction: ASC }) { id } }',
      'deals_by_expected_close',
    ],
    ['one stage', '{ deals(filter: { stage: [NEGOTIATION] }) { id } }', 'deals_by_stage'],
    ['one priority', '{ deals(filter: { priority: [URGENT] }) { id } }', 'deals_by_priority'],
    [
      'value range by value',
      '{ deals(filter: { valueMin: "1000", valueMax: "2000" }, orderBy: { field: VALUE }) { id } }',
      'deals_by_value',
    ],
    [
      'expected-close range by date',
      '{ deals(filter: { expectedCloseFrom: "2027-03-01", expectedCloseTo: "2027-03-07" }, orderBy: { field: EXPECTED_CLOSE_DATE }) { id } }',
      'deals_by_expected_close',
    ],
  ])('deals %s → %s', async (_name, query, index) => {
    const found = await planOf(query, DEALS);
    expect(found).toMatch(index);
    expect(found).not.toMatch(/Seq Scan/);
  });

  it('a page after a cursor continues in the sort’s index', async () => {
    const first = await sut.gql(
      '{ dealsConnection(first: 1, orderBy: { field: VALUE }) { pageInfo { endCursor } } }',
      {},
      admin.token,
    );
    const found = await planOf(
      `{ deals(after: "${first.data?.dealsConnection.pageInfo.endCursor}", orderBy: { field: VALUE }) { id } }`,
      DEALS,
    );
    expect(found).toMatch(/Index Cond: .*ROW\(COALESCE\(value, '-1'::numeric\), id\) </s);
  });

  it('a search of a rare word goes through deals_search', async () => {
    const found = await planOf('{ deals(filter: { search: "rarewo" }) { id } }', DEALS);
    expect(found).toMatch(/Bitmap Index Scan on deals_search/);
  });

  it('an assignee’s deals come from deals_by_assignee, newest first', async () => {
    const found = await planOf(`{ deals(filter: { assignedToId: "${admin.id}" }) { id } }`, DEALS);
    expect(found).toMatch(/deals_by_assignee/);
  });

  it('the statistics read deal_totals, or only their date range of deals_stats_by_created', async () => {
    const GROUPED = /GROUP BY/;
    expect(await planOf('{ pipelineStats { count } }', GROUPED)).toMatch(/deal_totals/);
    expect(await planOf('{ myDealsStats { open } }', GROUPED)).toMatch(/deal_totals/);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const ranged = await planOf(`{ pipelineStats(createdFrom: "${hourAgo}") { count } }`, GROUPED);
    expect(ranged).toMatch(/Index Only Scan using deals_stats_by_created/);
    const mine = await planOf(`{ myDealsStats(createdFrom: "${hourAgo}") { open } }`, GROUPED);
    expect(mine).toMatch(/Index (Only )?Scan using (deals_stats_by_created|deals_by_assignee)/);
  });
});
