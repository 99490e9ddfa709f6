import { parse } from 'csv-parse/sync';
import { newCompany, type TestUser } from '../support/factories.js';
import { generateLeadsFor, newLead } from '../support/lead-factory.js';
import { startTeamApp, startTestApp, type TestApp } from '../support/test-app.js';

describe('GET /api/leads/export.csv', () => {
  let sut: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let outsider: TestUser;

  const exportCsv = async (query = '', token = admin.token) => {
    const res = await fetch(`${sut.url}/api/leads/export.csv${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { res, text: await res.text() };
  };

  beforeAll(async () => {
    ({ sut, admin, rep, outsider } = await startTeamApp());
    const inputs = Array.from({ length: 1500 }, (_, i) => ({
      firstName: `First${i}`,
      lastName: `Last${String(i).padStart(4, '0')}`,
      email: `export-${i}@example.com`,
      status: i % 3 === 0 ? 'QUALIFIED' : 'NEW',
      budget: i,
    }));
    const res = await sut.gql(
      'mutation($inputs: [CreateLeadInput!]!) { createLeads(inputs: $inputs) { id } }',
      { inputs: inputs.slice(0, 1000) },
      admin.token,
    );
    expect(res.errors).toBeUndefined();
    await sut.gql(
      'mutation($inputs: [CreateLeadInput!]!) { createLeads(inputs: $inputs) { id } }',
      { inputs: inputs.slice(1000) },
      admin.token,
    );
    await newLead(sut, admin, {
      firstName: '=HYPERLINK("http://evil.test")',
      lastName: '@SUM(A1)',
      email: 'formula@example.com',
      phone: '+1 555 010 9999',
      location: 'Line one\nline "two", three',
      source: '-2+3',
    });
    await newLead(sut, outsider, { email: 'outsider@example.com' });
  });
  afterAll(() => sut.close());

  it('streams every lead of the company as RFC 4180 CSV', async () => {
    const { res, text } = await exportCsv();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('leads.csv');
    const rows = parse<Record<string, string>>(text, { columns: true });
    expect(rows).toHaveLength(1501);
    expect(Object.keys(rows[0])).toEqual([
      'id',
      'firstName',
      'lastName',
      'email',
      'phone',
      'budget',
      'location',
      'status',
      'assignedToId',
      'source',
      'createdAt',
      'updatedAt',
    ]);
    expect(rows.map((r) => r.email)).not.toContain('outsider@example.com');
    expect(text.split('\r\n')[0]).toBe(
      'id,firstName,lastName,email,phone,budget,location,status,assignedToId,source,createdAt,updatedAt',
    );
  });

  it('neutralises formulas and keeps quotes and line breaks intact', async () => {
    const rows = parse<Record<string, string>>((await exportCsv('?search=formula')).text, {
      columns: true,
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      firstName: `'=HYPERLINK("http://evil.test")`,
      lastName: `'@SUM(A1)`,
      phone: `'+1 555 010 9999`,
      location: 'Line one\nline "two", three',
      source: `'-2+3`,
    });
  });

  it('applies the same filters and order as the leads query', async () => {
    const rows = parse<Record<string, string>>(
      (
        await exportCsv(
          '?status=QUALIFIED&budgetMin=100&budgetMax=200&orderBy=BUDGET&direction=ASC',
        )
      ).text,
      { columns: true },
    );
    expect(rows.length).toBe(
      Array.from({ length: 1500 }, (_, i) => i).filter((i) => i % 3 === 0 && i >= 100 && i <= 200)
        .length,
    );
    expect(rows.every((r) => r.status === 'QUALIFIED')).toBe(true);
    expect(rows.map((r) => Number(r.budget))).toEqual(
      [...rows.map((r) => Number(r.budget))].sort((a, b) => a - b),
    );
  });

  it('needs a token, validates parameters, and keeps removed leads for managers', async () => {
    const anonymous = await fetch(`${sut.url}/api/leads/export.csv`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({
      ok: false,
      error: 'UNAUTHENTICATED',
      reason: 'MISSING_ACCESS_TOKEN',
    });
    const bad = await exportCsv('?status=HOT');
    expect(bad.res.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({
      ok: false,
      error: 'BAD_USER_INPUT',
      reason: 'INVALID_INPUT',
      fields: { status: expect.any(Array) },
    });
    const rep403 = await exportCsv('?includeDeleted=true', rep.token);
    expect(rep403.res.status).toBe(403);
    expect(JSON.parse(rep403.text)).toMatchObject({ error: 'FORBIDDEN', reason: 'NOT_PERMITTED' });
  });
});

describe('an export the client abandons midway', () => {
  let sut: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    // One pooled connection: a connection given back while still in COPY would hang what follows.
    sut = await startTestApp({ DB_POOL_MAX: '1' });
    admin = await newCompany(sut);
    // ~15 MB of CSV: more than the socket buffers between PostgreSQL, the server and the client
    // hold, so the COPY is still running when the client goes.
    await generateLeadsFor(sut, admin, 60_000);
  }, 180_000);
  afterAll(() => sut.close());

  it('ends the COPY and leaves the pool usable', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const controller = new AbortController();
      const res = await fetch(`${sut.url}/api/leads/export.csv`, {
        headers: { authorization: `Bearer ${admin.token}` },
        signal: controller.signal,
      });
      await res.body!.getReader().read();
      controller.abort();
      // Without the pool's one connection back in a usable state this never answers.
      const next = await fetch(`${sut.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
        body: JSON.stringify({ query: '{ leadsConnection(first: 1) { totalCount } }' }),
        signal: AbortSignal.timeout(20_000),
      });
      const body = (await next.json()) as { data?: { leadsConnection: { totalCount: number } } };
      expect(body.data?.leadsConnection.totalCount).toBe(60_000);
    }
  }, 120_000);
});
