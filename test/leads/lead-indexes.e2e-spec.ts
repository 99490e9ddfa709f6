import { QueryTypes } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { newCompany, type TestUser } from '../support/factories.js';
import { generateLeadsFor, newInteraction, newLead } from '../support/lead-factory.js';
import { planOf as plan } from '../support/query-plans.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every list query the API sends must be served by the index meant for it. The planner only picks
 * indexes the way it would in production when tables are not tiny, so the company gets 20 000
 * generated leads (the benchmark's generator) and fresh statistics first.
 */
describe('lead and interaction queries use their indexes', () => {
  let sut: TestApp;
  let admin: TestUser;
  let sequelize: Sequelize;

  beforeAll(async () => {
    sut = await startTestApp();
    admin = await newCompany(sut);
    const lead = await newLead(sut, admin, { location: 'Reykjavik, Iceland' });
    await newInteraction(sut, admin, lead.id);
    sequelize = sut.app.get(Sequelize);
    await generateLeadsFor(sut, admin, 20_000, 20_000);
    // VACUUM as autovacuum would have: it marks pages all-visible, which index-only scans rely on.
    await sequelize.query('VACUUM ANALYZE leads');
    await sequelize.query('VACUUM ANALYZE interactions');
    await sequelize.query('VACUUM ANALYZE lead_scores');
    // Generating 20 000 leads takes a few seconds alone, longer beside another test file.
  }, 180_000);
  afterAll(() => sut.close());

  const planOf = (query: string, pick: RegExp, options?: { seqscan?: boolean }) =>
    plan(sut, admin, query, pick, options);

  const LEADS = /FROM leads WHERE/;

  it.each([
    ['newest first', '{ leads { id } }', /leads_(all_)?by_created/],
    ['by updatedAt', '{ leads(orderBy: { field: UPDATED_AT }) { id } }', 'leads_by_updated'],
    [
      'by lastName',
      '{ leads(orderBy: { field: LAST_NAME, direction: ASC }) { id } }',
      'leads_by_last_name',
    ],
    ['by email', '{ leads(orderBy: { field: EMAIL }) { id } }', 'leads_by_email'],
    ['by budget', '{ leads(orderBy: { field: BUDGET }) { id } }', 'leads_by_budget'],
    ['by status', '{ leads(orderBy: { field: STATUS }) { id } }', 'leads_by_status'],
    ['status filter', '{ leads(filter: { status: [LOST] }) { id } }', 'leads_by_status'],
    // A fifth of the leads are unassigned: reading the newest ones and skipping the rest is cheapest.
    [
      'assignee filter',
      `{ leads(filter: { unassigned: true }) { id } }`,
      /leads_(all_)?by_(created|assignee)/,
    ],
    ['location filter', '{ leads(filter: { location: "reykjav" }) { id } }', 'leads_location_trgm'],
    [
      'including removed leads',
      '{ leads(filter: { includeDeleted: true }) { id } }',
      'leads_all_by_created',
    ],
  ])('leads %s → %s', async (_name, query, index) => {
    const plan = await planOf(query, LEADS);
    expect(plan).toMatch(index);
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it('a search first probes the newest rows with an index-only scan of leads_by_created', async () => {
    const plan = await planOf(
      '{ leads(filter: { search: "lead1" }) { id } }',
      /FROM \(SELECT id, search_text/,
    );
    expect(plan).toMatch(/Index Only Scan Backward using leads_by_created/);
  });

  it('a search the probe cannot fill collects its matches through leads_search_trgm', async () => {
    const plan = await planOf(
      '{ leads(filter: { search: "lead1999" }) { id } }',
      /WITH found AS MATERIALIZED/,
      { seqscan: false },
    );
    expect(plan).toMatch(/Bitmap Index Scan on leads_search_trgm/);
  });

  it('a rare search term falls back to the whole table and finds matches beyond the probe window', async () => {
    const res = await sut.gql(
      '{ leads(first: 100, filter: { search: "lead1999" }) { id } }',
      {},
      admin.token,
    );
    const expected = await sequelize.query<{ id: string }>(
      "SELECT l.id FROM leads l JOIN users u ON u.company_id = l.company_id WHERE u.id = $1 AND l.email ILIKE '%lead1999%' ORDER BY l.created_at DESC, l.id DESC",
      { bind: [admin.id], type: QueryTypes.SELECT },
    );
    expect(expected.length).toBeGreaterThan(5);
    expect(res.data?.leads.map((l: { id: string }) => l.id)).toEqual(expected.map((r) => r.id));
  });

  it('a page after a cursor uses the same index as the first page', async () => {
    const first = await sut.gql(
      '{ leadsConnection(first: 1) { pageInfo { endCursor } } }',
      {},
      admin.token,
    );
    const plan = await planOf(
      `{ leads(after: "${first.data?.leadsConnection.pageInfo.endCursor}") { id } }`,
      LEADS,
    );
    expect(plan).toMatch(/Index (Only )?Scan( Backward)? using leads_(all_)?by_created/);
  });

  const SCORED = /FROM \(SELECT l\.\*, s\.activity_score/;

  it.each([
    ['by activity score', '{ leads(orderBy: { field: ACTIVITY_SCORE }) { id } }'],
    [
      'by activity score, in a range',
      '{ leads(filter: { activityScoreMin: 60 }, orderBy: { field: ACTIVITY_SCORE }) { id } }',
    ],
  ])('leads %s → lead_scores_by_score', async (_name, query) => {
    const plan = await planOf(query, SCORED);
    expect(plan).toMatch(/Index (Only )?Scan( Backward)? using lead_scores_by_score/);
    expect(plan).not.toMatch(/Seq Scan|Sort/);
  });

  it('a page in score order after a cursor continues in lead_scores_by_score', async () => {
    const first = await sut.gql(
      '{ leadsConnection(first: 1, orderBy: { field: ACTIVITY_SCORE }) { pageInfo { endCursor } } }',
      {},
      admin.token,
    );
    const plan = await planOf(
      `{ leads(after: "${first.data?.leadsConnection.pageInfo.endCursor}", orderBy: { field: ACTIVITY_SCORE }) { id } }`,
      SCORED,
    );
    // The cursor is an index condition, not a filter over the rows before it.
    expect(plan).toMatch(
      /using lead_scores_by_score on lead_scores s.*\n\s*Index Cond: \(\(company_id = [^)]*\) AND \(ROW\(activity_score, lead_id\) </,
    );
    expect(plan).not.toMatch(/Seq Scan|Sort/);
  });

  it('a recalculation batch reads a key range of lead_scores and, per lead, interactions_by_lead alone', async () => {
    const plan = await planOf(
      'mutation { recalculateAllScores { count } }',
      /UPDATE lead_scores t SET calculated_at/,
    );
    expect(plan).toMatch(/Index Scan using lead_scores_pkey on lead_scores t/);
    expect(plan).toMatch(/Index Only Scan using interactions_by_lead on interactions i/);
    expect(plan).not.toMatch(/Seq Scan/);
  });

  it('nested interactions use interactions_by_lead, the company list interactions_by_company', async () => {
    expect(await planOf('{ leads { interactions { id } } }', /LATERAL/)).toContain(
      'interactions_by_lead',
    );
    expect(await planOf('{ interactions { id } }', /FROM interactions i JOIN leads/)).toContain(
      'interactions_by_company',
    );
  });
});
