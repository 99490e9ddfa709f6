import type { TestUser } from '../support/factories.js';
import { newInteraction, newLead } from '../support/lead-factory.js';
import { startTeamApp, type GraphQLResponse, type TestApp } from '../support/test-app.js';

const CREATE =
  'mutation($i: CreateInteractionInput!) { createInteraction(createInteractionInput: $i) { id type date notes lead { id } createdBy { id } } }';
const UPDATE =
  'mutation($i: UpdateInteractionInput!) { updateInteraction(updateInteractionInput: $i) { id type date notes lead { id } } }';
const REMOVE = 'mutation($id: ID!) { removeInteraction(id: $id) }';
const ONE = 'query($id: ID!) { interaction(id: $id) { id type notes lead { id email } } }';
const BY_LEAD = 'query($id: ID!) { interactionsByLead(leadId: $id) { id date } }';

describe('interactions', () => {
  let sut: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let otherRep: TestUser;
  let outsider: TestUser;
  let repLead: Record<string, any>;

  beforeAll(async () => {
    ({ sut, admin, rep, otherRep, outsider } = await startTeamApp());
    repLead = await newLead(sut, rep);
  });
  afterAll(() => sut.close());

  it('logs an interaction on a lead, with its author, and reads it back with its lead', async () => {
    const created = await newInteraction(sut, rep, repLead.id, {
      type: 'MEETING',
      notes: 'Demo went well.',
    });
    expect(created).toMatchObject({
      type: 'MEETING',
      notes: 'Demo went well.',
      lead: { id: repLead.id },
      createdBy: { id: rep.id },
    });
    const read = await sut.gql(ONE, { id: created.id }, admin.token);
    expect(read.data?.interaction).toMatchObject({
      id: created.id,
      lead: { id: repLead.id, email: repLead.email },
    });
  });

  it.each([
    ['date', { date: '1989-12-31T23:59:59Z' }],
    ['date', { date: new Date(Date.now() + 10 * 60_000).toISOString() }],
    ['notes', { notes: 'x'.repeat(10_001) }],
    ['leadId', { leadId: 'not-a-uuid' }],
  ])('refuses a bad %s naming it', async (field, override) => {
    const res = await sut.gql(
      CREATE,
      { i: { type: 'CALL', date: new Date().toISOString(), leadId: repLead.id, ...override } },
      rep.token,
    );
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(res.errors?.[0].extensions.fields)).toEqual([field]);
  });

  it('accepts a date a little in the future (clock skew) and 10 000 characters of notes', async () => {
    const created = await newInteraction(sut, rep, repLead.id, {
      date: new Date(Date.now() + 60_000).toISOString(),
      notes: 'y'.repeat(10_000),
    });
    expect(created.notes).toHaveLength(10_000);
  });

  it('updates only the given fields and cannot move an interaction to another lead', async () => {
    const created = await newInteraction(sut, rep, repLead.id, {
      type: 'CALL',
      notes: 'First call',
    });
    const res = await sut.gql(UPDATE, { i: { id: created.id, type: 'EMAIL' } }, rep.token);
    expect(res.data?.updateInteraction).toMatchObject({
      type: 'EMAIL',
      notes: 'First call',
      lead: { id: repLead.id },
    });
    const moved = await sut.gql(
      'mutation($i: UpdateInteractionInput!) { updateInteraction(updateInteractionInput: $i) { id } }',
      { i: { id: created.id, leadId: repLead.id } },
      rep.token,
    );
    expect(moved.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('lets a SALES_REP touch interactions of their own leads only', async () => {
    const theirLead = await newLead(sut, otherRep);
    const theirs = await newInteraction(sut, otherRep, theirLead.id);
    expect(
      (
        await sut.gql(
          CREATE,
          { i: { type: 'CALL', date: new Date().toISOString(), leadId: theirLead.id } },
          rep.token,
        )
      ).errors?.[0].extensions.code,
    ).toBe('FORBIDDEN');
    expect(
      (await sut.gql(UPDATE, { i: { id: theirs.id, notes: 'mine now' } }, rep.token)).errors?.[0]
        .extensions.code,
    ).toBe('FORBIDDEN');
    expect((await sut.gql(REMOVE, { id: theirs.id }, rep.token)).errors?.[0].extensions.code).toBe(
      'FORBIDDEN',
    );
    expect((await sut.gql(REMOVE, { id: theirs.id }, admin.token)).data?.removeInteraction).toBe(
      true,
    );
    expect((await sut.gql(ONE, { id: theirs.id }, admin.token)).data?.interaction).toBeNull();
  });

  it('keeps other companies out: null when reading, NOT_FOUND when writing', async () => {
    const foreignLead = await newLead(sut, outsider);
    const foreign = await newInteraction(sut, outsider, foreignLead.id);
    expect((await sut.gql(ONE, { id: foreign.id }, admin.token)).data?.interaction).toBeNull();
    expect(
      (await sut.gql(BY_LEAD, { id: foreignLead.id }, admin.token)).errors?.[0].extensions.code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await sut.gql(
          CREATE,
          { i: { type: 'CALL', date: new Date().toISOString(), leadId: foreignLead.id } },
          admin.token,
        )
      ).errors?.[0].extensions.code,
    ).toBe('NOT_FOUND');
    expect(
      (await sut.gql(UPDATE, { i: { id: foreign.id, notes: 'x' } }, admin.token)).errors?.[0]
        .extensions.code,
    ).toBe('NOT_FOUND');
    expect(
      (await sut.gql(REMOVE, { id: foreign.id }, admin.token)).errors?.[0].extensions.code,
    ).toBe('NOT_FOUND');
    const all = await sut.gql('{ interactions(first: 500) { id } }', {}, admin.token);
    expect(all.data?.interactions.map((i: { id: string }) => i.id)).not.toContain(foreign.id);
    expect((await sut.gql(ONE, { id: foreign.id }, outsider.token)).data?.interaction.notes).toBe(
      'Called.',
    );
  });

  it('lists a lead’s interactions newest first, and hides them while the lead is removed', async () => {
    const lead = await newLead(sut, admin);
    const dates = [
      '2025-03-01T00:00:00.000Z',
      '2025-01-01T00:00:00.000Z',
      '2025-02-01T00:00:00.000Z',
    ];
    for (const date of dates) await newInteraction(sut, admin, lead.id, { date });
    const listed = await sut.gql(BY_LEAD, { id: lead.id }, rep.token);
    expect(listed.data?.interactionsByLead.map((i: { date: string }) => i.date)).toEqual(
      [...dates].sort().reverse(),
    );

    await sut.gql('mutation($id: ID!) { removeLead(id: $id) }', { id: lead.id }, admin.token);
    expect((await sut.gql(BY_LEAD, { id: lead.id }, admin.token)).errors?.[0].extensions.code).toBe(
      'NOT_FOUND',
    );
    const all = await sut.gql(
      'query($f: InteractionFilter) { interactionsConnection(filter: $f) { totalCount } }',
      { f: { leadId: lead.id } },
      admin.token,
    );
    expect(all.data?.interactionsConnection.totalCount).toBe(0);
  });

  it('nests the newest 50 interactions in a lead; interactionsByLead reaches the rest', async () => {
    const lead = await newLead(sut, admin);
    const base = Date.UTC(2025, 0, 1);
    const dates = Array.from({ length: 52 }, (_, n) =>
      new Date(base + n * 86_400_000).toISOString(),
    );
    for (const date of dates) await newInteraction(sut, admin, lead.id, { date });
    const newestFirst = [...dates].reverse();

    const nested = await sut.gql(
      'query($id: ID!) { lead(id: $id) { interactions { date } } }',
      { id: lead.id },
      rep.token,
    );
    expect(nested.data?.lead.interactions.map((i: { date: string }) => i.date)).toEqual(
      newestFirst.slice(0, 50),
    );
    const byLead = await sut.gql(
      'query($id: ID!) { interactionsByLead(leadId: $id, first: 100) { date } }',
      { id: lead.id },
      rep.token,
    );
    expect(byLead.data?.interactionsByLead.map((i: { date: string }) => i.date)).toEqual(
      newestFirst,
    );
  });

  it('pages through the company’s interactions newest first, filtered by type', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: GraphQLResponse = await sut.gql(
        'query($after: String) { interactionsConnection(first: 2, after: $after, filter: { type: [CALL, EMAIL] }) { totalCount edges { node { id type date } } pageInfo { hasNextPage endCursor } } }',
        { after },
        admin.token,
      );
      const conn: any = res.data?.interactionsConnection;
      for (const e of conn.edges) {
        expect(['CALL', 'EMAIL']).toContain(e.node.type);
        seen.push(e.node.date);
      }
      if (!conn.pageInfo.hasNextPage) {
        expect(seen).toHaveLength(conn.totalCount);
        break;
      }
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it('audits every change', async () => {
    const created = await newInteraction(sut, admin, repLead.id, { notes: 'audit me' });
    await sut.gql(UPDATE, { i: { id: created.id, notes: 'audited' } }, admin.token);
    await sut.gql(REMOVE, { id: created.id }, admin.token);
    const res = await sut.gql(
      'query($id: ID!) { auditLogs(filter: { entityId: $id }) { edges { node { action changes } } } }',
      { id: created.id },
      admin.token,
    );
    expect(res.data?.auditLogs.edges.map((e: any) => e.node.action)).toEqual([
      'interaction.removed',
      'interaction.updated',
      'interaction.created',
    ]);
    expect(res.data?.auditLogs.edges[1].node.changes).toEqual({
      notes: { from: 'audit me', to: 'audited' },
    });
  });
});
