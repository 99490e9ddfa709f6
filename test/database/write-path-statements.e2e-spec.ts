import { randomUUID } from 'node:crypto';
import {
  countRoundTrips,
  tallySince,
  type ProtocolTally,
  type RoundTripCounter,
} from '../../devkit/round-trips.js';
import { Sql } from '../../src/database/sql.js';
import { newDeal } from '../support/deal-factory.js';
import { expectData, newApiKey, newTeam, type TestUser } from '../support/factories.js';
import { submitLead } from '../support/lead-form.js';
import { newLead } from '../support/lead-factory.js';
import { newTask } from '../support/task-factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';

/** What a server may send as a simple Query: transaction control, which PostgreSQL never plans. */
const TRANSACTION_CONTROL = /^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

/**
 * Nothing on the write path is planned per request: every statement a write sends — its own, its
 * audit row's, the notification, score and ingestion statements its events send — is a named
 * prepared statement, parsed and planned once per connection. Counted in the protocol, by a proxy
 * between the real server and PostgreSQL.
 */
describe('the write path’s statements', () => {
  let counter: RoundTripCounter;
  let sut: TestApp;
  let manager: TestUser;
  let rep: TestUser;
  let secret: string;
  let leadId: string;
  let dealId: string;

  beforeAll(async () => {
    const db = await createTestDatabase();
    const url = new URL(db.url);
    counter = await countRoundTrips({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(counter.port);
    sut = await startTestApp({ DATABASE_URL: url.toString() }, db);
    let admin: TestUser;
    ({ admin, manager, rep } = await newTeam(sut));
    secret = (await newApiKey(sut, admin)).secret;
    leadId = (await newLead(sut, manager, { assignedToId: rep.id })).id as string;
    dealId = (await newDeal(sut, manager, { leadId, assignedToId: rep.id })).id as string;
  });
  afterAll(async () => {
    await sut.close();
    await sut.db.drop();
    await counter.close();
  });

  const gql = async (user: TestUser, query: string, variables: object): Promise<void> => {
    expectData(await sut.gql(query, variables as Record<string, unknown>, user.token));
  };

  /** The writes under test, each a fresh one every call. */
  const WRITES: Record<string, () => Promise<unknown>> = {
    createLead: () =>
      gql(manager, 'mutation($i: CreateLeadInput!) { createLead(createLeadInput: $i) { id } }', {
        i: {
          firstName: 'Ada',
          lastName: 'Lovelace',
          email: `${randomUUID()}@plans.test`,
          assignedToId: rep.id,
        },
      }),
    createInteraction: () =>
      gql(
        rep,
        'mutation($i: CreateInteractionInput!) { createInteraction(createInteractionInput: $i) { id } }',
        { i: { leadId, type: 'CALL', date: new Date().toISOString(), notes: 'Called.' } },
      ),
    updateLead: () =>
      gql(manager, 'mutation($i: UpdateLeadInput!) { updateLead(updateLeadInput: $i) { id } }', {
        i: { id: leadId, location: `Lisbon ${randomUUID()}` },
      }),
    updateDeal: () =>
      gql(manager, 'mutation($i: UpdateDealInput!) { updateDeal(updateDealInput: $i) { id } }', {
        i: { id: dealId, title: `Renewal ${randomUUID()}` },
      }),
    addComment: () =>
      gql(manager, 'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }', {
        i: { leadId, body: 'Called back.' },
      }),
    completeTask: async () => {
      const task = await newTask(sut, manager, { assignedToId: rep.id, leadId });
      await gql(rep, 'mutation($id: ID!) { completeTask(id: $id) { id } }', { id: task.id });
    },
    'POST /api/lead': async () => {
      const answer = await submitLead(
        sut,
        secret,
        { firstName: 'Form', lastName: 'Lead', email: `${randomUUID()}@form.test` },
        { 'idempotency-key': randomUUID() },
      );
      expect(answer.status).toBe(201);
    },
  };

  /** What `work` sent, its after-commit work included: read once the wire has been quiet a while. */
  async function sentBy(work: () => Promise<unknown>): Promise<ProtocolTally> {
    const before = counter.tally();
    await work();
    let last = counter.tally();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const now = counter.tally();
      if (
        now.bound.length === last.bound.length &&
        now.simpleQueries.length === last.simpleQueries.length
      )
        return tallySince(before, now);
      last = now;
    }
  }

  it('runs every named statement on its generic plan: planned once per connection', async () => {
    // PostgreSQL's default would plan a statement's first five executions with their values.
    for (const write of Object.values(WRITES)) for (let i = 0; i < 2; i++) await write();
    // Every connection of the pool (five at once take five): each holds its own statements.
    const sql = sut.app.get(Sql);
    const held = (
      await Promise.all(
        Array.from({ length: 5 }, () =>
          sql.rows<{ statement: string; generic: number; custom: number }>(
            `SELECT statement, generic_plans::int AS generic, custom_plans::int AS custom
             FROM pg_prepared_statements WHERE NOT from_sql`,
            [],
          ),
        ),
      )
    ).flat();
    expect(held.filter((s) => s.generic > 0).length).toBeGreaterThan(5);
    expect(held.filter((s) => s.custom > 0)).toEqual([]);
  });

  it('fires no trigger that builds its statement per write', async () => {
    // PL/pgSQL keeps the plan of a statement written in its function; one it EXECUTEs is parsed
    // and planned on every call (deal_totals' upsert was, until migration 0023).
    const building = await sut.app.get(Sql).rows<{ name: string }>(
      `SELECT DISTINCT p.proname AS name FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
       WHERE NOT t.tgisinternal AND p.prosrc ~* '\\mEXECUTE\\M'`,
      [],
    );
    expect(building).toEqual([]);
  });

  it.each(Object.keys(WRITES))(
    '%s sends no statement PostgreSQL plans per request',
    async (name) => {
      const write = WRITES[name];
      // Warm-up: past the first use on each of the pool's connections, and past the caches.
      for (let i = 0; i < 6; i++) await write();
      const sent = await sentBy(async () => {
        for (let i = 0; i < 3; i++) await write();
      });
      expect(sent.bound.length).toBeGreaterThan(0);
      expect({
        unnamed: sent.unnamedParses,
        simple: sent.simpleQueries.filter((q) => !TRANSACTION_CONTROL.test(q)),
      }).toEqual({ unnamed: [], simple: [] });
    },
  );
});
