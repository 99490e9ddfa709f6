import { Sequelize } from 'sequelize-typescript';
import { newDeal } from '../support/deal-factory.js';
import { newCompany, type TestUser } from '../support/factories.js';
import { newInteraction, newLead } from '../support/lead-factory.js';
import { newTask } from '../support/task-factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Row = Record<string, any>;

const INTERACTION = 'id type date notes createdAt updatedAt lead { id } createdBy { id }';
const DEAL = `id title value currency stage priority leadScore leadSource expectedCloseDate closedAt
  notes createdAt updatedAt deletedAt lead { id } assignedTo { id } createdBy { id }`;
const TASK = `id title description dueAt status completedAt createdAt updatedAt deletedAt
  assignedTo { id } createdBy { id } lead { id } deal { id }`;

/**
 * Nested lists read only the columns the query selects (common/records/nested-list.resolver.ts):
 * what they answer must be what the root lists, which read whole rows, answer of the same rows.
 */
describe('nested lists read the selected columns', () => {
  let sut: TestApp;
  let admin: TestUser;
  let other: TestUser;
  /** The root lists' rows (whole rows), by lead id. */
  const whole: Record<'interactions' | 'deals' | 'tasks', Map<string, Row[]>> = {
    interactions: new Map(),
    deals: new Map(),
    tasks: new Map(),
  };

  /** The answer, and the statements that read a nested list (`unnest`) while it was made. */
  const ask = async (query: string, token = admin.token) => {
    const sequelize = sut.app.get(Sequelize);
    const statements: string[] = [];
    const original = sequelize.options.logging;
    sequelize.options.logging = (sql: string) => void statements.push(sql);
    try {
      const res = await sut.gql(query, {}, token);
      expect(res.errors).toBeUndefined();
      return { data: res.data!, nested: statements.filter((s) => /unnest/.test(s)) };
    } finally {
      sequelize.options.logging = original;
    }
  };

  /** The SELECT lists of the nested reads of `table` (their ORDER BY names sort columns anyway). */
  const readOf = (nested: string[], table: string) =>
    nested
      .map((s) => new RegExp(`SELECT (\\w[^*]*?) FROM ${table}`, 's').exec(s)?.[1])
      .filter(Boolean);

  /** Each lead's `list` holds, of the rows the root list gave for it, exactly `fields`. */
  const expectProjection = (leads: Row[], list: keyof typeof whole, fields: string[]) => {
    for (const lead of leads) {
      const rows = whole[list].get(lead.id) ?? [];
      const byId = (a: Row, b: Row) => String(a.id).localeCompare(String(b.id));
      const expected = rows.map((row) => Object.fromEntries(fields.map((f) => [f, row[f]])));
      if (fields.includes('id')) {
        expect([...lead[list]].sort(byId)).toEqual(expected.sort(byId));
      } else expect(lead[list]).toEqual(expected);
    }
  };

  beforeAll(async () => {
    sut = await startTestApp();
    admin = await newCompany(sut);
    other = await newCompany(sut);
    for (const n of [1, 2]) {
      const lead = await newLead(sut, admin, { email: `nested-${n}@example.com` });
      await newInteraction(sut, admin, lead.id, { notes: `First call ${n}` });
      await newInteraction(sut, admin, lead.id, { type: 'EMAIL', notes: `Mail ${n}` });
      const deal = await newDeal(sut, admin, { leadId: lead.id, value: '1200.50', notes: 'Big' });
      await newTask(sut, admin, { dealId: deal.id, title: `Send the offer ${n}` });
      await newTask(sut, admin, { leadId: lead.id, title: `Call back ${n}` });
      for (const target of [{ leadId: lead.id }, { dealId: deal.id }]) {
        const res = await sut.gql(
          'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }',
          { i: { body: `Note ${n}`, ...target } },
          admin.token,
        );
        expect(res.errors).toBeUndefined();
      }
    }
    const theirs = await newLead(sut, other, { email: 'theirs@example.com' });
    await newInteraction(sut, other, theirs.id, { notes: 'Not yours' });
    const { data } = await ask(`{ interactions(first: 500) { ${INTERACTION} }
      deals(first: 500) { ${DEAL} } tasks(first: 500) { ${TASK} } }`);
    for (const list of ['interactions', 'deals', 'tasks'] as const)
      for (const row of data[list] as Row[])
        if (row.lead) whole[list].set(row.lead.id, [...(whole[list].get(row.lead.id) ?? []), row]);
    expect(whole.interactions.size).toBe(2);
  });
  afterAll(() => sut.close());

  it('answers every field as the whole rows do', async () => {
    const { data } = await ask(
      `{ leads(first: 2) { id interactions { ${INTERACTION} } deals { ${DEAL} } tasks { ${TASK} } } }`,
    );
    for (const list of ['interactions', 'deals', 'tasks'] as const)
      for (const lead of data.leads as Row[])
        expect([...lead[list]].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
          [...(whole[list].get(lead.id) ?? [])].sort((a, b) => a.id.localeCompare(b.id)),
        );
  });

  it('reads only what a part selection needs', async () => {
    const { data, nested } = await ask(
      '{ leads(first: 2) { id interactions { id type } deals { id value comments { body } } } }',
    );
    expectProjection(data.leads, 'interactions', ['id', 'type']);
    const dealsOnly = (data.leads as Row[]).map((lead) => ({
      ...lead,
      deals: lead.deals.map(({ comments: _, ...deal }: Row) => deal),
    }));
    expectProjection(dealsOnly, 'deals', ['id', 'value']);
    for (const lead of data.leads as Row[])
      expect(lead.deals.flatMap((d: Row) => d.comments)).toEqual([
        { body: expect.stringMatching(/^Note [12]$/) },
      ]);
    expect(readOf(nested, 'interactions')).toEqual([
      'i.id AS "id", i.lead_id AS "leadId", i.type AS "type"',
    ]);
    expect(readOf(nested, 'deals')).toEqual(['id, value::text AS "value", lead_id AS "leadId"']);
    expect(readOf(nested, 'comments')).toEqual(['id, deal_id AS "dealId", body']);
  });

  it('reads the ids its reference fields follow', async () => {
    const { data, nested } = await ask(
      '{ leads(first: 2) { id interactions { lead { id } createdBy { id } } tasks { id deal { id } assignedTo { id } } } }',
    );
    expectProjection(data.leads, 'interactions', ['lead', 'createdBy']);
    expectProjection(data.leads, 'tasks', ['id', 'deal', 'assignedTo']);
    expect(readOf(nested, 'interactions')).toEqual([
      'i.id AS "id", i.lead_id AS "leadId", i.created_by_id AS "createdById"',
    ]);
    expect(readOf(nested, 'tasks')).toEqual([
      'id, assigned_to_id AS "assignedToId", lead_id AS "leadId", deal_id AS "dealId"',
    ]);
  });

  it('reads a field selected twice over a page in one batch', async () => {
    const { data, nested } = await ask(`{ leads(first: 2) { id interactions { id } ...Notes } }
      fragment Notes on Lead { interactions { notes } }`);
    expectProjection(data.leads, 'interactions', ['id', 'notes']);
    expect(readOf(nested, 'interactions')).toEqual([
      'i.id AS "id", i.lead_id AS "leadId", i.notes AS "notes"',
    ]);
  });

  it('keeps aliased selections apart: one batch each, with its own columns', async () => {
    const { data, nested } = await ask(`{ leads(first: 2) { id
      calls: interactions { id }
      notes: interactions { ...Notes }
      interactions { ... on Interaction { date createdAt } }
    } }
    fragment Notes on Interaction { notes type }`);
    for (const lead of data.leads as Row[]) {
      const rows = whole.interactions.get(lead.id)!;
      expect(lead.calls).toEqual(rows.map(({ id }) => ({ id })));
      expect(lead.notes).toEqual(rows.map(({ notes, type }) => ({ notes, type })));
      expect(lead.interactions).toEqual(rows.map(({ date, createdAt }) => ({ date, createdAt })));
    }
    expect(readOf(nested, 'interactions')).toHaveLength(3);
  });

  it('never reads another company’s rows, whatever it selects', async () => {
    const theirs = await ask('{ leads(first: 2) { id interactions { notes } } }', other.token);
    expect(theirs.data.leads.flatMap((l: Row) => l.interactions)).toEqual([{ notes: 'Not yours' }]);
    const ours = await ask('{ leads(first: 2) { interactions { notes } } }');
    expect(
      ours.data.leads.flatMap((l: Row) => l.interactions.map((i: Row) => i.notes)).sort(),
    ).toEqual(['First call 1', 'First call 2', 'Mail 1', 'Mail 2']);
  });
});
