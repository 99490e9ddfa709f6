import { Sequelize } from 'sequelize-typescript';
import { newDeal } from '../support/deal-factory.js';
import { newCompany, type TestUser } from '../support/factories.js';
import { newInteraction, newLead } from '../support/lead-factory.js';
import { newTask } from '../support/task-factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Row = Record<string, any>;

/** Every field of the four nested lists, as a query with no reason to read part of a row asks. */
const WHOLE = `{ leads(first: 5) { id
  interactions { id type date notes createdAt updatedAt lead { id } createdBy { id } }
  deals { id title value currency stage priority leadScore leadSource expectedCloseDate closedAt
    notes createdAt updatedAt deletedAt lead { id } assignedTo { id } createdBy { id }
    tasks { id title description dueAt status completedAt createdAt updatedAt deletedAt
      assignedTo { id } createdBy { id } lead { id } deal { id } }
    comments { id body createdAt updatedAt author { id } lead { id } deal { id } } }
  tasks { id title status dueAt lead { id } deal { id } assignedTo { id } }
  comments { id body author { id } } } }`;

/**
 * Nested lists read only the columns the query selects (common/records/nested-list.resolver.ts):
 * what comes back must be exactly what the whole rows give, whatever the selection's shape.
 */
describe('nested lists read the selected columns', () => {
  let sut: TestApp;
  let admin: TestUser;
  let other: TestUser;
  let whole: Row[];

  /** The answer, and the statements that read a nested list (`unnest`) while it was made. */
  const ask = async (query: string, token = admin.token) => {
    const sequelize = sut.app.get(Sequelize);
    const statements: string[] = [];
    const original = sequelize.options.logging;
    sequelize.options.logging = (sql: string) => void statements.push(sql);
    try {
      const res = await sut.gql(query, {}, token);
      expect(res.errors).toBeUndefined();
      return {
        leads: res.data!.leads as Row[],
        nested: statements.filter((s) => /unnest/.test(s)),
      };
    } finally {
      sequelize.options.logging = original;
    }
  };

  /** Each lead of `leads` holds, of every nested row, exactly the whole row's `fields`. */
  const expectProjection = (leads: Row[], list: string, fields: string[]) => {
    for (const lead of leads) {
      const full = whole.find((l) => l.id === lead.id)![list] as Row[];
      expect(lead[list]).toEqual(
        full.map((row) => Object.fromEntries(fields.map((f) => [f, row[f]]))),
      );
    }
  };

  beforeAll(async () => {
    // The whole-row query below nests lists three deep: over the default cost limit.
    sut = await startTestApp({ GRAPHQL_MAX_COST: '10000000' });
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
    ({ leads: whole } = await ask(WHOLE));
  });
  afterAll(() => sut.close());

  it('answers a part selection as the whole rows do, reading only what it needs', async () => {
    expect(whole.flatMap((l) => l.interactions)).toHaveLength(4);
    expect(whole.flatMap((l) => l.deals.flatMap((d: Row) => d.tasks))).toHaveLength(2);
    const { leads, nested } = await ask(
      '{ leads(first: 5) { id interactions { id type } deals { id value comments { body } } } }',
    );
    expectProjection(leads, 'interactions', ['id', 'type']);
    for (const lead of leads)
      for (const deal of lead.deals) {
        const full = whole.flatMap((l) => l.deals).find((d: Row) => d.id === deal.id);
        expect(deal).toEqual({
          id: full.id,
          value: full.value,
          comments: full.comments.map((c: Row) => ({ body: c.body })),
        });
      }
    // What each batch reads (its ORDER BY names its sort columns whatever is selected).
    const read = (table: string) =>
      nested
        .map((s) => new RegExp(`SELECT ([^*]*?) FROM ${table}`, 's').exec(s)?.[1])
        .find(Boolean);
    expect(read('interactions')).toBe('i.id AS "id", i.lead_id AS "leadId", i.type AS "type"');
    expect(read('comments')).toBe('id, deal_id AS "dealId", body');
    expect(read('deals')).toBe('id, value::text AS "value", lead_id AS "leadId"');
  });

  it('reads the ids its reference fields follow', async () => {
    const { leads } = await ask(
      '{ leads(first: 5) { id interactions { lead { id } createdBy { id } } tasks { deal { id } assignedTo { id } } } }',
    );
    expectProjection(leads, 'interactions', ['lead', 'createdBy']);
    expect(leads.flatMap((l) => l.interactions.map((i: Row) => i.createdBy.id))).toEqual(
      Array(4).fill(admin.id),
    );
    expectProjection(leads, 'tasks', ['deal', 'assignedTo']);
  });

  it('keeps selections apart: aliases, fragments and inline fragments in one query', async () => {
    const { leads, nested } = await ask(`{ leads(first: 5) { id
      calls: interactions { id }
      notes: interactions { ...Notes }
      interactions { ... on Interaction { date createdAt } }
    } }
    fragment Notes on Interaction { notes type }`);
    for (const lead of leads) {
      const full = whole.find((l) => l.id === lead.id)!.interactions as Row[];
      expect(lead.calls).toEqual(full.map(({ id }) => ({ id })));
      expect(lead.notes).toEqual(full.map(({ notes, type }) => ({ notes, type })));
      expect(lead.interactions).toEqual(full.map(({ date, createdAt }) => ({ date, createdAt })));
    }
    // One batch per selection, each with its own columns.
    expect(nested.filter((s) => /FROM interactions/.test(s))).toHaveLength(3);
  });

  it('never reads another company’s rows, whatever it selects', async () => {
    const theirs = await ask('{ leads(first: 5) { id interactions { notes } } }', other.token);
    expect(theirs.leads.flatMap((l) => l.interactions)).toEqual([{ notes: 'Not yours' }]);
    const ours = await ask('{ leads(first: 5) { interactions { notes } } }');
    expect(ours.leads.flatMap((l) => l.interactions.map((i: Row) => i.notes)).sort()).toEqual([
      'First call 1',
      'First call 2',
      'Mail 1',
      'Mail 2',
    ]);
  });
});
