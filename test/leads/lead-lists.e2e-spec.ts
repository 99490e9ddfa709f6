import { Sequelize } from 'sequelize-typescript';
import { Role } from '../../src/auth/role.enum.js';
import { newCompany, newUser, type TestUser } from '../support/factories.js';
import { newInteraction } from '../support/lead-factory.js';
import { startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app.js';

type Row = Record<string, any>;

describe('lead lists', () => {
  let sut: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let leads: Row[];

  const list = async (args: string, token = admin.token): Promise<Row[]> => {
    const res = await sut.gql(
      `{ leads(${args}) { id email lastName budget status location createdAt assignedTo { id } } }`,
      {},
      token,
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.leads;
  };

  beforeAll(async () => {
    sut = await startTestApp();
    admin = await newCompany(sut);
    rep = await newUser(sut, admin, Role.SALES_REP);
    const statuses = ['NEW', 'CONTACTED', 'QUALIFIED', 'LOST'];
    const inputs = Array.from({ length: 40 }, (_, i) => ({
      firstName: i % 5 === 0 ? 'Zelda' : 'Alex',
      lastName: `Family${String(i % 7).padStart(2, '0')}`,
      email: `person${i}@${i % 2 ? 'acme' : 'globex'}.test`,
      phone: `+44 20 7946 ${String(1000 + i)}`,
      budget: i % 4 === 0 ? null : (i % 6) * 1000,
      location: i % 3 === 0 ? 'Berlin, Germany' : 'Lyon, France',
      status: statuses[i % 4],
      assignedToId: i % 2 ? rep.id : null,
    }));
    const res = await sut.gql(
      'mutation($inputs: [CreateLeadInput!]!) { createLeads(inputs: $inputs) { id } }',
      { inputs },
      admin.token,
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    leads = await list('first: 500');
    await newCompany(sut).then((other) =>
      sut.gql(
        'mutation { createLead(createLeadInput: {firstName: "X", lastName: "Y", email: "person1@acme.test"}) { id } }',
        {},
        other.token,
      ),
    );
  });
  afterAll(() => sut.close());

  it('lists only the caller’s company, newest first by default', async () => {
    expect(leads).toHaveLength(40);
    const created = leads.map((l) => `${l.createdAt}|${l.id}`);
    expect(created).toEqual([...created].sort().reverse());
  });

  it.each([
    [
      'status',
      'filter: { status: [QUALIFIED, LOST] }',
      (l: Row) => ['QUALIFIED', 'LOST'].includes(l.status),
    ],
    ['unassigned', 'filter: { unassigned: true }', (l: Row) => l.assignedTo === null],
    [
      'location contains',
      'filter: { location: "berlin" }',
      (l: Row) => l.location === 'Berlin, Germany',
    ],
    [
      'budget range',
      'filter: { budgetMin: 2000, budgetMax: 4000 }',
      (l: Row) => l.budget >= 2000 && l.budget <= 4000,
    ],
    ['search (email part)', 'filter: { search: "ACME" }', (l: Row) => l.email.includes('acme')],
    [
      'search (phone part)',
      'filter: { search: "7946 1013" }',
      (l: Row) => l.email === 'person13@acme.test',
    ],
    [
      'search (phone in another format)',
      'filter: { search: "(20) 7946-1013" }',
      (l: Row) => l.email === 'person13@acme.test',
    ],
    [
      'search (phone digits only)',
      'filter: { search: "2079461013" }',
      (l: Row) => l.email === 'person13@acme.test',
    ],
    [
      'search (name part)',
      'filter: { search: "zeld" }',
      (l: Row) => Number(/person(\d+)/.exec(l.email)![1]) % 5 === 0,
    ],
  ])('filters by %s', async (_name, args, predicate) => {
    const rows = await list(`first: 500, ${args}`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.id).sort()).toEqual(
      leads
        .filter(predicate)
        .map((l) => l.id)
        .sort(),
    );
  });

  it('filters by assignee and by creation time', async () => {
    expect((await list(`first: 500, filter: { assignedToId: "${rep.id}" }`)).length).toBe(20);
    const cut = leads[10].createdAt as string;
    const older = await list(`first: 500, filter: { createdTo: "${cut}" }`);
    expect(older.every((l) => l.createdAt < cut)).toBe(true);
    expect(
      (await list(`first: 500, filter: { createdFrom: "${cut}" }`)).length + older.length,
    ).toBe(40);
  });

  it('treats LIKE wildcards in search as plain text', async () => {
    expect(await list('filter: { search: "%_" }')).toEqual([]);
  });

  it.each([
    ['LAST_NAME', 'ASC', '', (l: Row) => l.lastName, 40],
    ['EMAIL', 'DESC', '', (l: Row) => l.email, 40],
    ['BUDGET', 'ASC', '', (l: Row) => l.budget ?? -1, 40],
    ['STATUS', 'DESC', '', (l: Row) => l.status, 40],
    // A search reads its pages in two ways (see LeadsRepository.page): both must keep the order.
    ['CREATED_AT', 'DESC', 'ACME', (l: Row) => `${l.createdAt}|${l.id}`, 20],
    ['BUDGET', 'DESC', 'acme', (l: Row) => l.budget ?? -1, 20],
    ['STATUS', 'ASC', '7946 10', (l: Row) => l.status, 40],
  ])(
    'sorts by %s %s (search "%s") with id as tie-breaker, and pages through every row exactly once',
    async (field, direction, search, key, total) => {
      const seen: Row[] = [];
      let after: string | null = null;
      for (;;) {
        const res: GraphQLResponse = await sut.gql(
          'query($o: LeadOrder, $after: String, $f: LeadFilter) { leadsConnection(first: 7, after: $after, orderBy: $o, filter: $f) { edges { cursor node { id email lastName budget status createdAt } } pageInfo { hasNextPage endCursor } } }',
          { o: { field, direction }, after, f: search ? { search } : null },
          admin.token,
        );
        const conn: any = res.data?.leadsConnection;
        seen.push(...conn.edges.map((e: Row) => e.node));
        if (!conn.pageInfo.hasNextPage) break;
        after = conn.pageInfo.endCursor;
      }
      expect(new Set(seen.map((l) => l.id)).size).toBe(total);
      if (search) expect(seen.every((l) => l.email.includes('acme'))).toBe(total === 20);
      const keys = seen.map(key);
      const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(keys).toEqual(direction === 'ASC' ? sorted : sorted.reverse());
    },
  );

  it('counts the whole filtered set in totalCount', async () => {
    const res = await sut.gql(
      '{ leadsConnection(first: 3, filter: { status: [NEW] }) { totalCount edges { node { id } } pageInfo { hasNextPage } } }',
      {},
      rep.token,
    );
    expect(res.data?.leadsConnection).toMatchObject({
      totalCount: 10,
      pageInfo: { hasNextPage: true },
    });
    expect(res.data?.leadsConnection.edges).toHaveLength(3);
  });

  it('refuses a cursor of another sort, a forged one and a page larger than 500', async () => {
    const first = await sut.gql(
      '{ leadsConnection(first: 2) { pageInfo { endCursor } } }',
      {},
      admin.token,
    );
    const cursor = first.data?.leadsConnection.pageInfo.endCursor;
    const wrong = await sut.gql(
      `{ leads(after: "${cursor}", orderBy: { field: STATUS }) { id } }`,
      {},
      admin.token,
    );
    expect(wrong.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { after: expect.any(Array) },
    });
    // The same shape (one key and the id) in another order: refused, not read as an email.
    const sameShape = await sut.gql(
      `{ leads(after: "${cursor}", orderBy: { field: EMAIL }) { id } }`,
      {},
      admin.token,
    );
    expect(sameShape.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'CURSOR_ORDER_MISMATCH',
      fields: { after: ['after is a cursor of another order'] },
    });
    // A forged cursor whose values PostgreSQL could not cast is the client's error, not a 500.
    const [sort] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as string[];
    for (const values of [
      ['yesterday', '6f1c0000-0000-4000-8000-000000000000'],
      ['2026-01-01T00:00:00.000Z', 'not-a-uuid'],
    ]) {
      const forged = Buffer.from(JSON.stringify([sort, ...values])).toString('base64url');
      const res = await sut.gql(`{ leads(after: "${forged}") { id } }`, {}, admin.token);
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { after: ['after is not a valid cursor'] },
      });
    }
    const big = await sut.gql('{ leads(first: 501) { id } }', {}, admin.token);
    expect(big.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('resolves nested interactions, leads and users in a constant number of statements', async () => {
    for (const lead of leads.slice(0, 10)) {
      await newInteraction(sut, admin, lead.id);
      await newInteraction(sut, admin, lead.id, { type: 'EMAIL' });
    }
    const sequelize = sut.app.get(Sequelize);
    const countStatements = async (query: string): Promise<number> => {
      const statements: string[] = [];
      const original = sequelize.options.logging;
      sequelize.options.logging = (sql: string) => void statements.push(sql);
      try {
        const res = await sut.gql(query, {}, admin.token);
        expect(res.errors).toBeUndefined();
        expect(res.data?.leads.filter((l: Row) => l.interactions.length === 2)).toHaveLength(10);
        for (const l of res.data?.leads ?? [])
          for (const i of l.interactions) expect(i.lead.id).toBe(l.id);
      } finally {
        sequelize.options.logging = original;
      }
      return statements.length;
    };
    // The caller, the page, the interactions of all 40 leads, the users they are assigned to.
    expect(
      await countStatements(
        '{ leads(first: 50) { id interactions { id lead { id } } assignedTo { id } } }',
      ),
    ).toBeLessThanOrEqual(4);
    // One level deeper, one more batch: the interactions' authors.
    expect(
      await countStatements(
        '{ leads(first: 50) { id interactions { id lead { id } createdBy { id } } assignedTo { id } } }',
      ),
    ).toBeLessThanOrEqual(5);
  });
});
