import { dbRows, newDeal } from '../support/deal-factory.js';
import type { TestUser } from '../support/factories.js';
import { newLead } from '../support/lead-factory.js';
import { startTeamApp, type TestApp } from '../support/test-app.js';

const FIELDS = 'id body createdAt author { id } lead { id } deal { id }';
const ADD = `mutation($i: AddCommentInput!) { addComment(input: $i) { ${FIELDS} } }`;
const REMOVE = 'mutation($id: ID!) { removeComment(id: $id) }';
const LIST = `query($leadId: ID, $dealId: ID, $first: Int, $after: String) {
  comments(leadId: $leadId, dealId: $dealId, first: $first, after: $after) {
    totalCount edges { node { id body } } pageInfo { hasNextPage endCursor }
  }
}`;

type Row = Record<string, any>;

describe('comments', () => {
  let sut: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let rep: TestUser;
  let otherRep: TestUser;
  let stranger: TestUser;

  beforeAll(async () => {
    ({ sut, admin, manager, rep, otherRep, outsider: stranger } = await startTeamApp());
  });
  afterAll(() => sut.close());

  const add = async (user: TestUser, input: Row): Promise<Row> => {
    const res = await sut.gql(ADD, { i: { body: 'Spoke to them', ...input } }, user.token);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.addComment;
  };
  const countOn = (column: string, id: string) =>
    dbRows<{ n: number }>(sut, `SELECT count(*)::int AS n FROM comments WHERE ${column} = $1`, [
      id,
    ]);

  it('lets any colleague comment on a lead or a deal; lists them newest first, nested and paged', async () => {
    const lead = await newLead(sut, admin, { assignedToId: otherRep.id });
    const deal = await newDeal(sut, admin, { leadId: lead.id });
    const first = await add(rep, { leadId: lead.id, body: '  First call  ' });
    expect(first).toMatchObject({
      body: 'First call',
      author: { id: rep.id },
      lead: { id: lead.id },
      deal: null,
    });
    const second = await add(manager, { leadId: lead.id, body: 'Follow-up' });
    const third = await add(otherRep, { leadId: lead.id, body: 'Sent prices' });
    const onDeal = await add(rep, { dealId: deal.id, body: 'Contract drafted' });
    expect(onDeal).toMatchObject({ deal: { id: deal.id }, lead: null });
    const nested = await sut.gql(
      'query($l: ID!, $d: ID!) { lead(id: $l) { comments { id } } deal(id: $d) { comments { id body } } }',
      { l: lead.id, d: deal.id },
      rep.token,
    );
    expect(nested.data?.lead.comments.map((c: Row) => c.id)).toEqual([
      third.id,
      second.id,
      first.id,
    ]);
    expect(nested.data?.deal.comments).toEqual([{ id: onDeal.id, body: 'Contract drafted' }]);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res = await sut.gql(LIST, { leadId: lead.id, first: 2, after }, rep.token);
      const page: Row = res.data?.comments;
      expect(page.totalCount).toBe(3);
      seen.push(...page.edges.map((e: Row) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual([third.id, second.id, first.id]);
    const audited = await dbRows<Row>(
      sut,
      "SELECT changes FROM audit_logs WHERE action = 'comment.added' AND entity_id = $1",
      [first.id],
    );
    expect(audited).toEqual([{ changes: { body: { from: null, to: 'First call' } } }]);
  });

  it('refuses a comment on neither or both records, or with a bad body, and writes nothing', async () => {
    const lead = await newLead(sut, admin);
    const deal = await newDeal(sut, admin);
    for (const [input, field] of [
      [{ body: 'x' }, 'leadId'],
      [{ body: 'x', leadId: lead.id, dealId: deal.id }, 'leadId'],
      [{ body: '   ', leadId: lead.id }, 'body'],
      [{ body: 'x'.repeat(5001), leadId: lead.id }, 'body'],
      [{ body: 'x', leadId: 'nope' }, 'leadId'],
    ] as [Row, string][]) {
      const res = await sut.gql(ADD, { i: input }, rep.token);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.errors?.[0].extensions)).toContain(field);
    }
    expect(await countOn('lead_id', lead.id)).toEqual([{ n: 0 }]);
    expect(await countOn('deal_id', deal.id)).toEqual([{ n: 0 }]);
    const neither = await sut.gql(LIST, {}, rep.token);
    expect(neither.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('is removed by its author or an ADMIN only', async () => {
    const lead = await newLead(sut, admin);
    const comment = await add(rep, { leadId: lead.id });
    for (const user of [otherRep, manager]) {
      const refused = await sut.gql(REMOVE, { id: comment.id }, user.token);
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'NOT_AUTHOR',
      });
    }
    expect((await sut.gql(REMOVE, { id: comment.id }, rep.token)).data?.removeComment).toBe(true);
    expect(
      (await sut.gql(REMOVE, { id: comment.id }, rep.token)).errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    const another = await add(rep, { leadId: lead.id });
    expect((await sut.gql(REMOVE, { id: another.id }, admin.token)).data?.removeComment).toBe(true);
    expect(await countOn('lead_id', lead.id)).toEqual([{ n: 0 }]);
  });

  it('keeps tenants apart: another company’s records and comments read as missing', async () => {
    const lead = await newLead(sut, admin);
    const deal = await newDeal(sut, admin);
    const comment = await add(rep, { leadId: lead.id });
    for (const input of [{ leadId: lead.id }, { dealId: deal.id }]) {
      const res = await sut.gql(ADD, { i: { body: 'Hello', ...input } }, stranger.token);
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const read = await sut.gql(LIST, input, stranger.token);
      expect(read.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(read.data?.comments ?? null).toBeNull();
    }
    const removed = await sut.gql(REMOVE, { id: comment.id }, stranger.token);
    expect(removed.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await countOn('lead_id', lead.id)).toEqual([{ n: 1 }]);
    expect(await countOn('deal_id', deal.id)).toEqual([{ n: 0 }]);
  });

  it('hides a removed record’s comments and deletes them with it for good', async () => {
    const lead = await newLead(sut, admin);
    const comment = await add(rep, { leadId: lead.id });
    await sut.gql('mutation($id: ID!) { removeLead(id: $id) }', { id: lead.id }, admin.token);
    expect((await sut.gql(LIST, { leadId: lead.id }, rep.token)).errors?.[0].extensions?.code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await sut.gql(REMOVE, { id: comment.id }, rep.token)).errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
    await sut.gql('mutation($id: ID!) { purgeLead(id: $id) }', { id: lead.id }, admin.token);
    expect(await dbRows(sut, 'SELECT id FROM comments WHERE id = $1', [comment.id])).toEqual([]);
  });
});
