import { parse } from 'csv-parse/sync';
import { Role } from '../../src/auth/role.enum.js';
import { dbRows, generateDealsFor, newDeal } from '../support/deal-factory.js';
import { newCompany, newUser, type TestUser } from '../support/factories.js';
import { newLead } from '../support/lead-factory.js';
import { startTeamApp, startTestApp, type TestApp } from '../support/test-app.js';

const HEADER = [
  'id',
  'title',
  'value',
  'currency',
  'stage',
  'priority',
  'leadScore',
  'leadSource',
  'expectedCloseDate',
  'closedAt',
  'notes',
  'leadId',
  'assignedToId',
  'createdById',
  'createdAt',
  'updatedAt',
];

/** What a spreadsheet would run as a formula gets a leading apostrophe; the rest is as stored. */
const neutralised = (text: string | null): string =>
  text === null ? '' : /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;

describe('GET /api/deals/export.csv', () => {
  let sut: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let outsider: TestUser;

  const exportCsv = async (query = '', token = admin.token) => {
    const res = await fetch(`${sut.url}/api/deals/export.csv${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { res, text: await res.text() };
  };
  const parsed = (text: string) => parse<Record<string, string>>(text, { columns: true });

  beforeAll(async () => {
    ({ sut, admin, rep, outsider } = await startTeamApp({ EXPORT_LIMIT_PER_HOUR: '8' }));
    const lead = await newLead(sut, admin);
    const hostile: Record<string, unknown>[] = [
      { title: '=HYPERLINK("http://evil.test","x")', notes: 'a,b\n"quoted", line\r\nthird' },
      { title: '+1 555 010', leadSource: '@SUM(A1)', notes: '\tleading tab' },
      { title: '-2+3', leadSource: '-x', notes: '\rcarriage return' },
      { title: '@cmd', notes: '=1+1', value: '999999999999.99', currency: 'EUR' },
      { title: 'Zoë “quotes” 🚀, commas', notes: null, value: null },
      {
        title: 'Closed',
        stage: 'CLOSED_WON',
        value: '1250.50',
        leadId: lead.id,
        assignedToId: rep.id,
        expectedCloseDate: '2027-03-31',
        leadSource: 'Referral',
      },
    ];
    for (const input of hostile) await newDeal(sut, admin, input);
    await newDeal(sut, outsider, { title: 'Outsider secret' });
  });
  afterAll(() => sut.close());

  it('streams every deal of the company, each row equal to the deal as stored', async () => {
    const { res, text } = await exportCsv('?orderBy=CREATED_AT&direction=ASC');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('deals.csv');
    expect(text.split('\r\n')[0]).toBe(HEADER.join(','));
    const rows = parsed(text);
    const stored = await dbRows<Record<string, string | null>>(
      sut,
      `SELECT d.id, title, value::text AS value, currency, stage, priority, lead_score::text AS "leadScore",
         lead_source AS "leadSource", to_char(expected_close_date, 'YYYY-MM-DD') AS "expectedCloseDate",
         to_char(closed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "closedAt", notes,
         lead_id::text AS "leadId", assigned_to_id::text AS "assignedToId",
         created_by_id::text AS "createdById",
         to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
         to_char(d.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"
       FROM deals d JOIN users u ON u.company_id = d.company_id
       WHERE u.id = $1 ORDER BY d.created_at, d.id`,
      [admin.id],
    );
    expect(rows).toHaveLength(6);
    const textColumns = new Set(['title', 'leadSource', 'notes']);
    expect(rows).toEqual(
      stored.map((deal) =>
        Object.fromEntries(
          HEADER.map((column) => [
            column,
            textColumns.has(column) ? neutralised(deal[column]) : (deal[column] ?? ''),
          ]),
        ),
      ),
    );
    expect(rows[0]).toMatchObject({
      title: `'=HYPERLINK("http://evil.test","x")`,
      notes: 'a,b\n"quoted", line\r\nthird',
    });
    expect(rows[1]).toMatchObject({ leadSource: `'@SUM(A1)`, notes: `'\tleading tab` });
    expect(rows[5]).toMatchObject({ value: '1250.50', stage: 'CLOSED_WON', leadScore: '100' });
    expect(text).not.toContain('Outsider secret');
  });

  it('applies the deals filters and order', async () => {
    const byValue = parsed((await exportCsv('?orderBy=VALUE&direction=ASC&valueMin=1')).text);
    expect(byValue.map((r) => r.value)).toEqual(['1250.50', '999999999999.99']);
    const won = parsed((await exportCsv('?stage=CLOSED_WON,CLOSED_LOST')).text);
    expect(won.map((r) => r.title)).toEqual(['Closed']);
    const searched = parsed((await exportCsv('?search=quotes')).text);
    expect(searched.map((r) => r.title)).toEqual(['Zoë “quotes” 🚀, commas']);
    const assigned = parsed((await exportCsv(`?assignedToId=${rep.id}`)).text);
    expect(assigned).toHaveLength(1);
  });

  it('needs a token, validates parameters and keeps removed deals for managers', async () => {
    const anonymous = await fetch(`${sut.url}/api/deals/export.csv`);
    expect(anonymous.status).toBe(401);
    const bad = await exportCsv('?stage=HOT&valueMin=1.234');
    expect(bad.res.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({
      error: 'BAD_USER_INPUT',
      fields: { stage: expect.any(Array), valueMin: expect.any(Array) },
    });
    const removed = await exportCsv('?includeDeleted=true', rep.token);
    expect(removed.res.status).toBe(403);
    const other = parsed((await exportCsv('', outsider.token)).text);
    expect(other.map((r) => r.title)).toEqual(['Outsider secret']);
  });

  it('limits how many exports one user starts per hour', async () => {
    const user = await newUser(sut, admin, Role.MANAGER);
    const statuses: number[] = [];
    // Leads and deals exports draw on one budget.
    for (let i = 0; i < 4; i++) {
      const leads = await fetch(`${sut.url}/api/leads/export.csv`, {
        headers: { authorization: `Bearer ${user.token}` },
      });
      await leads.text();
      statuses.push(leads.status);
    }
    for (let i = 0; i < 5; i++) statuses.push((await exportCsv('', user.token)).res.status);
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(200));
    expect(statuses[8]).toBe(429);
    // A refused export spends nothing: what a 403 costs is given back or never taken.
    const other = await newUser(sut, admin, Role.SALES_REP);
    for (let i = 0; i < 8; i++)
      expect((await exportCsv('?includeDeleted=true', other.token)).res.status).toBe(403);
    expect((await exportCsv('', other.token)).res.status).toBe(200);
    // Another user's budget is their own.
    expect((await exportCsv('', rep.token)).res.status).toBe(200);
  });
});

describe('a large deals export', () => {
  let sut: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    sut = await startTestApp();
    admin = await newCompany(sut);
    await generateDealsFor(sut, admin, 20_000);
  }, 120_000);
  afterAll(() => sut.close());

  it('streams every row, parseable to the last', async () => {
    const res = await fetch(`${sut.url}/api/deals/export.csv`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    const rows = parse<Record<string, string>>(await res.text(), { columns: true });
    expect(rows).toHaveLength(20_000);
    expect(new Set(rows.map((r) => r.id)).size).toBe(20_000);
  }, 60_000);
});
