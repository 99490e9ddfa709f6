import { getIntrospectionQuery } from 'graphql';
import { Sequelize } from 'sequelize-typescript';
import { newCompany, newUser, type TestUser } from '../support/factories.js';
import { newLead } from '../support/lead-factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** `lead(id) { interactions { lead { interactions … { id } } } }`, `levels` interactions deep. */
function loop(levels: number, head = 'lead(id: $id)'): string {
  let inner = 'id';
  for (let i = 0; i < levels; i++)
    inner = `interactions { ${i === 0 ? inner : `lead { ${inner} }`} }`;
  return `query($id: ID!) { ${head} { ${inner} } }`;
}

describe('query cost (default limits)', () => {
  let sut: TestApp;
  let rep: TestUser;
  let leadId: string;

  beforeAll(async () => {
    sut = await startTestApp({ GRAPHQL_MAX_COST: undefined, GRAPHQL_MAX_DEPTH: undefined });
    rep = await newUser(sut, await newCompany(sut));
    leadId = (await newLead(sut, rep)).id;
    // What any SALES_REP can make through the API: a lead with 50 interactions.
    await sut.app.get(Sequelize).query(
      `INSERT INTO interactions (company_id, lead_id, type, date, created_by_id)
       SELECT l.company_id, l.id, 'CALL', now() - g * interval '1 hour', $2
       FROM leads l, generate_series(1, 50) g WHERE l.id = $1`,
      { bind: [leadId, rep.id] },
    );
  });
  afterAll(() => sut.close());

  it('answers the nested loop two levels deep', async () => {
    const res = await sut.gql(loop(2), { id: leadId }, rep.token);
    expect(res.errors).toBeUndefined();
    expect(res.data?.lead.interactions).toHaveLength(50);
  });

  it.each([3, 4, 5])(
    'refuses the loop %i levels deep before running it, with the cost and the limit',
    async (levels) => {
      const res = await sut.gql(loop(levels), { id: leadId }, rep.token);
      expect(res.status).toBe(400);
      expect(res.data).toBeUndefined();
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'QUERY_TOO_COMPLEX',
      });
    },
  );

  it('counts the loop at three levels as the objects it could produce', async () => {
    const res = await sut.gql(loop(3), { id: leadId }, rep.token);
    expect(res.errors?.[0].extensions).toMatchObject({ maxCost: 50_000 });
    expect(res.errors?.[0].extensions.cost).toBeGreaterThan(125_000);
  });

  it('counts `first` given as a variable, and its default when absent', async () => {
    const query = (head: string) =>
      `query($id: ID!, $n: Int) { ${head} { id lead { interactions { lead { interactions { id } } } } } }`;
    const big = await sut.gql(
      query('interactionsByLead(leadId: $id, first: $n)'),
      { id: leadId, n: 500 },
      rep.token,
    );
    expect(big.errors?.[0].extensions).toMatchObject({ reason: 'QUERY_TOO_COMPLEX' });
    const small = await sut.gql(
      query('interactionsByLead(leadId: $id, first: $n)'),
      { id: leadId, n: 2 },
      rep.token,
    );
    expect(small.errors).toBeUndefined();
    expect(small.data?.interactionsByLead).toHaveLength(2);
    // The same document's cost is remembered per value of `first`, not once for all of them.
    const bigAgain = await sut.gql(
      query('interactionsByLead(leadId: $id, first: $n)'),
      { id: leadId, n: 500 },
      rep.token,
    );
    expect(bigAgain.errors?.[0].extensions).toMatchObject({ reason: 'QUERY_TOO_COMPLEX' });
    // No `first`: the default page of 50, so the same query costs as with first: 50.
    const absent = await sut.gql(
      'query($id: ID!) { interactionsByLead(leadId: $id) { id lead { interactions { lead { interactions { id } } } } } }',
      { id: leadId },
      rep.token,
    );
    expect(absent.errors?.[0].extensions).toMatchObject({ reason: 'QUERY_TOO_COMPLEX' });
  });

  it('lets the everyday pages through: 50 leads with their interactions, the README’s lead', async () => {
    const page = await sut.gql(
      `query($n: Int) { leadsConnection(first: $n) { totalCount edges { cursor node { id firstName lastName email phone budget location status createdAt assignedTo { id } interactions { id type date notes createdAt createdBy { id } } } } pageInfo { hasNextPage endCursor } } }`,
      { n: 50 },
      rep.token,
    );
    expect(page.errors).toBeUndefined();
    const one = await sut.gql(
      'query($id: ID!) { lead(id: $id) { id firstName lastName email phone budget location status interactions { id type date notes createdAt } } }',
      { id: leadId },
      rep.token,
    );
    expect(one.data?.lead.interactions).toHaveLength(50);
  });

  it('refuses 500 leads each with their interactions, given as a variable', async () => {
    const res = await sut.gql(
      'query($n: Int) { leads(first: $n) { id interactions { id notes } } }',
      { n: 500 },
      rep.token,
    );
    expect(res.errors?.[0].extensions).toMatchObject({ reason: 'QUERY_TOO_COMPLEX' });
  });

  it('does not let a negative `first` cancel the cost of its siblings', async () => {
    const res = await sut.gql(
      `{ a: leads(first: -2147483648) { id } b: interactions(first: 490) { lead { interactions { lead { interactions { notes } } } } } }`,
      {},
      rep.token,
    );
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].extensions).toMatchObject({ reason: 'QUERY_TOO_COMPLEX' });
  });

  it('counts `first: null` as the page it returns', async () => {
    const res = await sut.gql(
      'query($n: Int) { interactionsConnection(first: $n) { edges { node { lead { interactions { lead { interactions { id } } } } } } } }',
      { n: null },
      rep.token,
    );
    expect(res.errors?.[0].extensions).toMatchObject({ reason: 'QUERY_TOO_COMPLEX' });
  });

  it('weighs long texts, selected or not: they come with the row', async () => {
    for (const selection of ['notes', 'id']) {
      const res = await sut.gql(
        `{ interactions(first: 490) { lead { interactions { ${selection} } } } }`,
        {},
        rep.token,
      );
      expect(res.errors?.[0].extensions).toMatchObject({ reason: 'QUERY_TOO_COMPLEX' });
    }
    // Without the notes' weight, 490 of them would cost 490 × 102 = 49 980: allowed.
    const fewer = await sut.gql(
      '{ interactions(first: 140) { lead { interactions { id } } } }',
      {},
      rep.token,
    );
    expect(fewer.errors).toBeUndefined();
  });

  it('answers the standard introspection query, and refuses introspection nested without end', async () => {
    const standard = await sut.gql(getIntrospectionQuery(), {}, rep.token);
    expect(standard.errors).toBeUndefined();
    let nested = 'name';
    for (let i = 0; i < 30; i++) nested = `ofType { ${nested} }`;
    const deep = await sut.gql(`{ __schema { types { fields { type { ${nested} } } } } }`);
    expect(deep.data).toBeUndefined();
    expect(deep.errors?.[0].extensions).toMatchObject({ reason: 'QUERY_TOO_COMPLEX' });
  });
});
