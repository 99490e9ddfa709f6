import { QueryTypes } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { newCompany, type TestUser } from '../support/factories.js';
import { newLead } from '../support/lead-factory.js';
import { startTeamApp, type TestApp } from '../support/test-app.js';

const FIELDS = `id title value currency stage priority leadScore leadSource expectedCloseDate
  closedAt notes createdAt updatedAt lead { id } assignedTo { id } createdBy { id }`;
const CREATE = `mutation($i: CreateDealInput!) { createDeal(createDealInput: $i) { ${FIELDS} } }`;
const UPDATE = `mutation($i: UpdateDealInput!) { updateDeal(updateDealInput: $i) { ${FIELDS} } }`;
const DEAL = `query($id: ID!) { deal(id: $id) { ${FIELDS} } }`;

type Deal = Record<string, any>;

describe('deals', () => {
  let sut: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let rep: TestUser;
  let otherRep: TestUser;

  beforeAll(async () => {
    ({ sut, admin, manager, rep, otherRep } = await startTeamApp());
  });
  afterAll(() => sut.close());

  const create = async (user: TestUser, input: object): Promise<Deal> => {
    const res = await sut.gql(CREATE, { i: { title: 'Deal', ...input } }, user.token);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.createDeal;
  };
  const audited = (action: string, id: string) =>
    sut.app
      .get(Sequelize)
      .query<{ changes: Record<string, unknown> }>(
        'SELECT changes FROM audit_logs WHERE action = $1 AND entity_id = $2',
        { bind: [action, id], type: QueryTypes.SELECT },
      );

  it('creates a deal with an exact value, the company’s currency and its score', async () => {
    const lead = await newLead(sut, admin);
    const deal = await create(manager, {
      title: 'Acme renewal',
      value: '12500.50',
      priority: 'HIGH',
      leadSource: 'Referral',
      leadId: lead.id,
      assignedToId: rep.id,
      expectedCloseDate: '2027-03-31',
    });
    expect(deal).toMatchObject({
      value: '12500.50',
      currency: 'USD',
      stage: 'LEAD',
      // LEAD 10 + value tier 10 + HIGH 10 + referral 15.
      leadScore: 45,
      expectedCloseDate: '2027-03-31',
      closedAt: null,
      lead: { id: lead.id },
      assignedTo: { id: rep.id },
      createdBy: { id: manager.id },
    });
    expect(await audited('deal.created', deal.id)).toHaveLength(1);
    expect((await audited('deal.assigned', deal.id)).map((a) => a.changes)).toEqual([
      { assignedToId: { from: null, to: rep.id } },
    ]);
    const nested = await sut.gql(
      'query($id: ID!) { lead(id: $id) { deals { id } } }',
      { id: lead.id },
      admin.token,
    );
    expect(nested.data?.lead.deals).toEqual([{ id: deal.id }]);
  });

  it('rescores on every change, sets closedAt on closing and clears it on reopening', async () => {
    const deal = await create(manager, { value: '500', assignedToId: rep.id });
    expect(deal.leadScore).toBe(15);
    const won = (await sut.gql(UPDATE, { i: { id: deal.id, stage: 'CLOSED_WON' } }, rep.token)).data
      ?.updateDeal;
    expect(won).toMatchObject({ stage: 'CLOSED_WON', leadScore: 100 });
    expect(won.closedAt).not.toBeNull();
    const negotiating = (
      await sut.gql(UPDATE, { i: { id: deal.id, stage: 'NEGOTIATION' } }, rep.token)
    ).data?.updateDeal;
    expect(negotiating).toMatchObject({ closedAt: null, leadScore: 45 });
    expect((await audited('deal.stage_changed', deal.id)).map((a) => a.changes)).toEqual([
      { stage: { from: 'LEAD', to: 'CLOSED_WON' } },
      { stage: { from: 'CLOSED_WON', to: 'NEGOTIATION' } },
    ]);
  });

  it('lets a SALES_REP change only their own deals, and never give one away', async () => {
    const mine = await create(rep, { title: 'Mine' });
    expect(mine.assignedTo).toEqual({ id: rep.id });
    const theirs = await create(otherRep, { title: 'Theirs' });
    const refused = await sut.gql(UPDATE, { i: { id: theirs.id, title: 'Taken' } }, rep.token);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const givenAway = await sut.gql(
      UPDATE,
      { i: { id: mine.id, assignedToId: otherRep.id } },
      rep.token,
    );
    expect(givenAway.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'ASSIGNMENT_NOT_ALLOWED',
    });
    const removed = await sut.gql(
      'mutation($id: ID!) { removeDeal(id: $id) }',
      { id: theirs.id },
      rep.token,
    );
    expect(removed.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // A manager reassigns.
    const moved = await sut.gql(
      UPDATE,
      { i: { id: mine.id, assignedToId: otherRep.id } },
      manager.token,
    );
    expect(moved.data?.updateDeal.assignedTo).toEqual({ id: otherRep.id });
  });

  it('refuses bad input with field messages and writes nothing', async () => {
    for (const [input, field] of [
      [{ value: '12.345' }, 'value'],
      [{ value: '-1' }, 'value'],
      [{ currency: 'usd' }, 'currency'],
      [{ expectedCloseDate: '2027-02-30' }, 'expectedCloseDate'],
      [{ title: '' }, 'title'],
    ] as const) {
      const res = await sut.gql(CREATE, { i: { title: 'Bad', ...input } }, manager.token);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.errors?.[0].extensions)).toContain(field);
    }
    const float = await sut.gql(CREATE, { i: { title: 'Float', value: 12.5 } }, manager.token);
    expect(float.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const [{ n }] = await sut.app
      .get(Sequelize)
      .query<{ n: number }>(
        "SELECT count(*)::int AS n FROM deals WHERE title IN ('Bad', 'Float', '')",
        { type: QueryTypes.SELECT },
      );
    expect(n).toBe(0);
  });

  it('filters, searches and pages in every order without skipping or repeating', async () => {
    const company = await newCompany(sut);
    const titles = ['Alpha proposal', 'Beta renewal', 'Gamma proposals', 'Delta', 'Epsilon'];
    const made: Deal[] = [];
    for (const [i, title] of titles.entries())
      made.push(
        await create(company, {
          title,
          value: i === 3 ? null : String(1000 * (i + 1)),
          stage: i % 2 ? 'QUALIFIED' : 'LEAD',
          expectedCloseDate: i === 4 ? null : `2027-0${i + 1}-01`,
        }),
      );
    const PAGE = `query($f: DealFilter, $o: DealOrder, $after: String) {
      dealsConnection(first: 2, after: $after, filter: $f, orderBy: $o) {
        totalCount edges { node { id title } } pageInfo { endCursor hasNextPage } } }`;
    const all = async (filter: object, orderBy?: object): Promise<string[]> => {
      const seen: string[] = [];
      let after: string | null = null;
      do {
        const res = await sut.gql(PAGE, { f: filter, o: orderBy, after }, company.token);
        expect(res.errors).toBeUndefined();
        const conn = res.data?.dealsConnection as {
          edges: { node: { title: string } }[];
          pageInfo: { endCursor: string | null; hasNextPage: boolean };
        };
        seen.push(...conn.edges.map((e) => e.node.title));
        after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
      } while (after);
      return seen;
    };
    expect(await all({})).toEqual([...titles].reverse());
    expect(await all({}, { field: 'VALUE', direction: 'DESC' })).toEqual([
      'Epsilon',
      'Gamma proposals',
      'Beta renewal',
      'Alpha proposal',
      'Delta',
    ]);
    expect(await all({}, { field: 'EXPECTED_CLOSE_DATE', direction: 'ASC' })).toEqual([
      'Alpha proposal',
      'Beta renewal',
      'Gamma proposals',
      'Delta',
      'Epsilon',
    ]);
    // The deals without a value or a date come first here: their cursors (-1, infinity) are read.
    expect(await all({}, { field: 'VALUE', direction: 'ASC' })).toEqual([
      'Delta',
      'Alpha proposal',
      'Beta renewal',
      'Gamma proposals',
      'Epsilon',
    ]);
    expect(await all({}, { field: 'EXPECTED_CLOSE_DATE', direction: 'DESC' })).toEqual([
      'Epsilon',
      'Delta',
      'Gamma proposals',
      'Beta renewal',
      'Alpha proposal',
    ]);
    expect(await all({ stage: ['QUALIFIED'] })).toEqual(['Delta', 'Beta renewal']);
    expect(await all({ search: null, valueMin: null })).toHaveLength(5);
    expect(await all({ valueMin: '2000', valueMax: '3000' })).toEqual([
      'Gamma proposals',
      'Beta renewal',
    ]);
    expect(await all({ search: 'propos' })).toEqual(['Gamma proposals', 'Alpha proposal']);
    expect(await all({ search: 'propos & !' })).toEqual(['Gamma proposals', 'Alpha proposal']);
    expect(await all({ search: '!!!' })).toEqual([]);
    await create(company, { title: 'Renewal for acme.com', notes: 'Call john@acme.com' });
    expect(await all({ search: 'acme.com' })).toEqual(['Renewal for acme.com']);
    expect(await all({ search: 'john@acme.com' })).toEqual(['Renewal for acme.com']);
    expect(await all({ search: "renewal' | ! :* (" })).toEqual([
      'Renewal for acme.com',
      'Beta renewal',
    ]);
    expect(await all({ expectedCloseFrom: '2027-02-01', expectedCloseTo: '2027-03-01' })).toEqual([
      'Gamma proposals',
      'Beta renewal',
    ]);
    expect(made).toHaveLength(5);
  });

  it('takes a value written another way for the same value: no change, no audit', async () => {
    const deal = await create(manager, { value: '100.5' });
    expect(deal.value).toBe('100.50');
    const same = await sut.gql(UPDATE, { i: { id: deal.id, value: '100.50' } }, manager.token);
    expect(same.data?.updateDeal.updatedAt).toBe(deal.updatedAt);
    expect(await audited('deal.updated', deal.id)).toHaveLength(0);
  });

  it('converts a lead into its deal at once, with what the input leaves out from the lead', async () => {
    const CONVERT = `mutation($lead: ID!, $i: ConvertLeadToDealInput) {
      convertLeadToDeal(leadId: $lead, input: $i) { ${FIELDS} } }`;
    const LEAD = 'query($id: ID!) { lead(id: $id) { status deals { id } } }';
    const lead = await newLead(sut, manager, { source: 'web', assignedToId: rep.id });
    const res = await sut.gql(CONVERT, { lead: lead.id }, manager.token);
    expect(res.errors).toBeUndefined();
    const deal = res.data?.convertLeadToDeal;
    expect(deal).toMatchObject({
      title: 'Grace Hopper',
      value: '25000.00',
      leadSource: 'web',
      // LEAD 10 + value tier 10 + MEDIUM 5 + web 8.
      leadScore: 33,
      lead: { id: lead.id },
      assignedTo: { id: rep.id },
    });
    expect((await sut.gql(LEAD, { id: lead.id }, manager.token)).data?.lead).toEqual({
      status: 'CONVERTED',
      deals: [{ id: deal.id }],
    });
    expect((await audited('lead.updated', lead.id)).map((a) => a.changes)).toEqual([
      { status: { from: 'NEW', to: 'CONVERTED' } },
    ]);

    const overridden = await sut.gql(
      CONVERT,
      { lead: lead.id, i: { title: 'Second deal', value: '10', leadSource: null } },
      manager.token,
    );
    expect(overridden.data?.convertLeadToDeal).toMatchObject({
      title: 'Second deal',
      value: '10.00',
      leadSource: null,
    });

    // Another rep's lead stays as it was; another company's reads as missing.
    const theirs = await newLead(sut, manager, { assignedToId: otherRep.id });
    const refused = await sut.gql(CONVERT, { lead: theirs.id }, rep.token);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await sut.gql(LEAD, { id: theirs.id }, manager.token)).data?.lead).toEqual({
      status: 'NEW',
      deals: [],
    });
    const foreign = await newLead(sut, await newCompany(sut));
    const missing = await sut.gql(CONVERT, { lead: foreign.id }, manager.token);
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('removes and restores, and shows removed deals only to managers', async () => {
    const deal = await create(manager, { title: 'Gone soon' });
    await sut.gql('mutation($id: ID!) { removeDeal(id: $id) }', { id: deal.id }, manager.token);
    expect((await sut.gql(DEAL, { id: deal.id }, manager.token)).data?.deal).toBeNull();
    const repList = await sut.gql(
      '{ deals(filter: { includeDeleted: true }) { id } }',
      {},
      rep.token,
    );
    expect(repList.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const restored = await sut.gql(
      'mutation($id: ID!) { restoreDeal(id: $id) { id } }',
      { id: deal.id },
      manager.token,
    );
    expect(restored.data?.restoreDeal.id).toBe(deal.id);
    expect((await sut.gql(DEAL, { id: deal.id }, rep.token)).data?.deal.id).toBe(deal.id);
  });

  it('reads another company’s deal as missing, and links no other company’s lead or user', async () => {
    const other = await newCompany(sut);
    const theirs = await create(other, { title: 'Secret' });
    const theirLead = await newLead(sut, other);
    expect((await sut.gql(DEAL, { id: theirs.id }, admin.token)).data?.deal).toBeNull();
    expect(
      (await sut.gql('{ deals { id } }', {}, admin.token)).data?.deals.map((d: Deal) => d.id),
    ).not.toContain(theirs.id);
    for (const [query, vars] of [
      [UPDATE, { i: { id: theirs.id, title: 'Mine now' } }],
      ['mutation($id: ID!) { removeDeal(id: $id) }', { id: theirs.id }],
      ['mutation($id: ID!) { restoreDeal(id: $id) { id } }', { id: theirs.id }],
    ] as const) {
      const res = await sut.gql(query, vars, admin.token);
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    const withTheirLead = await sut.gql(
      CREATE,
      { i: { title: 'x', leadId: theirLead.id } },
      admin.token,
    );
    expect(withTheirLead.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const withTheirUser = await sut.gql(
      CREATE,
      { i: { title: 'x', assignedToId: other.id } },
      admin.token,
    );
    expect(withTheirUser.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await sut.gql(DEAL, { id: theirs.id }, other.token)).data?.deal.title).toBe('Secret');
  });
});
