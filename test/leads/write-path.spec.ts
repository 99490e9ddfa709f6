import { randomUUID } from 'node:crypto';
import type { Transaction } from 'sequelize';
import type { UserCaller } from '../../src/auth/auth-context.js';
import { Role } from '../../src/auth/role.enum.js';
import { AuditModule } from '../../src/audit/audit.module.js';
import { Sql } from '../../src/database/sql.js';
import { Transactions } from '../../src/database/transactions.js';
import { InteractionKind } from '../../src/interactions/interaction-kind.enum.js';
import { InteractionsModule } from '../../src/interactions/interactions.module.js';
import { InteractionsService } from '../../src/interactions/interactions.service.js';
import { LeadExportQuery } from '../../src/leads/dto/lead-export.query.js';
import { LeadsModule } from '../../src/leads/leads.module.js';
import { LeadsService } from '../../src/leads/leads.service.js';
import { newCompany, newUser } from '../support/factories.js';
import { newLeadInput } from '../support/lead-factory.js';
import { startServices, type ServiceHarness } from '../support/service-harness.js';

/**
 * The write path every module copies (docs/architecture.md, "The write path"): one transaction, its audit rows
 * committed with it, in at most three waits for PostgreSQL.
 */
describe('the write path', () => {
  let harness: ServiceHarness;
  let sut: Transactions;
  let sql: Sql;
  let leads: LeadsService;
  let interactions: InteractionsService;
  let manager: UserCaller;

  beforeAll(async () => {
    harness = await startServices(
      [LeadsModule, InteractionsModule, AuditModule],
      {},
      {
        countRoundTrips: true,
      },
    );
    sut = harness.get(Transactions);
    sql = harness.get(Sql);
    leads = harness.get(LeadsService);
    interactions = harness.get(InteractionsService);
    manager = await newUser(harness, await newCompany(harness), Role.MANAGER);
    // Every connection of the pool opened, so that no count below includes a connection's setup.
    await Promise.all(Array.from({ length: 5 }, () => leads.create(manager, newLeadInput())));
  });
  afterAll(() => harness.close());

  /** A lead written straight into the transaction, as a repository would. */
  const insertLead = (transaction: Transaction, email: string): Promise<unknown> =>
    sql.rows(
      `INSERT INTO leads (company_id, first_name, last_name, email) VALUES ($1, 'A', 'B', $2)`,
      [manager.companyId, email],
      transaction,
    );
  const leadsNamed = async (email: string): Promise<number> =>
    (await harness.sql<{ id: string }>('SELECT id FROM leads WHERE email = $1', [email])).length;
  const auditRowsOf = async (requestId: string): Promise<number> =>
    (
      await harness.sql<{ id: string }>('SELECT id FROM audit_logs WHERE request_id = $1', [
        requestId,
      ])
    ).length;

  it('creates a lead and its audit row in two round trips: BEGIN + INSERT, then INSERT + COMMIT', async () => {
    const caller = { ...manager, requestId: randomUUID() };
    const input = newLeadInput();
    const trips = await harness.roundTrips(() => leads.create(caller, input));
    expect(trips).toBe(2);
    expect(await leadsNamed(input.email)).toBe(1);
    expect(await auditRowsOf(caller.requestId)).toBe(1);
  });

  it('updates a lead and creates an interaction in three round trips each', async () => {
    const lead = await leads.create(manager, newLeadInput());
    const caller = { ...manager, requestId: randomUUID() };
    const update = await harness.roundTrips(() =>
      leads.update(caller, { id: lead.id, location: 'Lisbon' }),
    );
    const create = await harness.roundTrips(() =>
      interactions.create(caller, {
        leadId: lead.id,
        type: InteractionKind.CALL,
        date: new Date(),
        notes: 'Called.',
      }),
    );
    expect({ update, create }).toEqual({ update: 3, create: 3 });
    expect(await auditRowsOf(caller.requestId)).toBe(2);
  });

  it('answers a duplicate e-mail with CONFLICT and the existing id, and writes nothing', async () => {
    const input = newLeadInput();
    const first = await leads.create(manager, input);
    const caller = { ...manager, requestId: randomUUID() };
    await expect(
      leads.create(caller, { ...input, email: input.email.toUpperCase() }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      reason: 'EMAIL_TAKEN',
      extensions: { existingLeadId: first.id },
    });
    expect(await auditRowsOf(caller.requestId)).toBe(0);
  });

  it('fails the whole change when a write sent into it fails, and answers with its error', async () => {
    const email = `${randomUUID()}@sent.test`;
    await expect(
      sut.run(async (transaction) => {
        await insertLead(transaction, email);
        sql.send(transaction, 'INSERT INTO audit_logs (id) VALUES ($1)', ['not a uuid']);
      }),
    ).rejects.toMatchObject({ code: '22P02' });
    expect(await leadsNamed(email)).toBe(0);
  });

  it('commits nothing when the work swallowed the error of one of its statements', async () => {
    const email = `${randomUUID()}@swallowed.test`;
    await expect(
      sut.run(async (transaction) => {
        await insertLead(transaction, email);
        await sql.rows('SELECT 1/0', [], transaction).catch(() => undefined);
      }),
    ).rejects.toThrow(/aborted/);
    expect(await leadsNamed(email)).toBe(0);
  });

  it('hands its connections back ready for anything, the COPY of an export included', async () => {
    // More failures than the pool has connections: each must have been rolled back and released.
    for (let i = 0; i < 8; i++) {
      await sut
        .run((transaction) => sql.rows('SELECT 1/0', [], transaction))
        .catch(() => undefined);
    }
    const rows = await Promise.all(
      Array.from({ length: 5 }, () =>
        sql.rows<{ open: boolean }>('SELECT now() <> statement_timestamp() AS open', []),
      ),
    );
    expect(rows.map(([r]) => r.open)).toEqual([false, false, false, false, false]);
    const exported = await harness.get(LeadsService).exportCsv(manager, new LeadExportQuery());
    let text = '';
    for await (const chunk of exported) text += String(chunk);
    expect(text.split('\r\n').length).toBeGreaterThan(5);
  });
});
