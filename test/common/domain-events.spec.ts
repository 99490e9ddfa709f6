import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { actorOf, systemCaller, type UserCaller } from '../../src/auth/auth-context.js';
import type { Actor } from '../../src/common/events/actor.js';
import { onServerFault, type ServerFault } from '../../src/common/errors/server-faults.js';
import { Role } from '../../src/auth/role.enum.js';
import { AuditModule } from '../../src/audit/audit.module.js';
import { EventPhase, type DomainEvent } from '../../src/common/events/domain-event.js';
import { DomainEvents } from '../../src/common/events/domain-events.js';
import { OnDomainEvent } from '../../src/common/events/on-domain-event.decorator.js';
import { Transactions } from '../../src/database/transactions.js';
import { LeadEvents } from '../../src/leads/leads.events.js';
import { LeadsModule } from '../../src/leads/leads.module.js';
import { LeadIntakeService } from '../../src/leads/lead-intake.service.js';
import { LeadsService } from '../../src/leads/leads.service.js';
import { newCompany, newUser } from '../support/factories.js';
import { newLeadInput } from '../support/lead-factory.js';
import { startServices, type ServiceHarness } from '../support/service-harness.js';

type Created = DomainEvent<typeof LeadEvents.Created>;

/** Records what each phase saw; a test may make either phase fail. */
@Injectable()
class Probe {
  inTransaction: { event: Created; committedRows: number }[] = [];
  afterCommit: { event: Created; committedRows: number }[] = [];
  failInTransaction = false;
  failAfterCommit = false;
  /** Counts the leads of an e-mail as another connection sees them: committed rows only. */
  committed: (email: string) => Promise<number> = () => Promise.resolve(0);

  @OnDomainEvent(LeadEvents.Created, EventPhase.IN_TRANSACTION)
  async beforeCommit(event: Created): Promise<void> {
    this.inTransaction.push({ event, committedRows: await this.committedOf(event) });
    if (this.failInTransaction) throw new Error('in-transaction listener failed');
  }

  @OnDomainEvent(LeadEvents.Created, EventPhase.AFTER_COMMIT)
  async onCommitted(event: Created): Promise<void> {
    this.afterCommit.push({ event, committedRows: await this.committedOf(event) });
    if (this.failAfterCommit) throw new Error('after-commit listener failed');
  }

  private committedOf(event: Created): Promise<number> {
    const email = event.payload.records[0]?.changes.email?.to;
    return email ? this.committed(email) : Promise.resolve(0);
  }

  reset(): void {
    this.inTransaction = [];
    this.afterCommit = [];
    this.failInTransaction = false;
    this.failAfterCommit = false;
  }
}

describe('domain events', () => {
  let harness: ServiceHarness;
  let leads: LeadsService;
  let intake: LeadIntakeService;
  let probe: Probe;
  let manager: UserCaller;
  /** Background work of the manager's company, under its own request id. */
  const systemActor = (requestId: string): Actor => ({
    ...actorOf(systemCaller(manager.companyId, 'test.job')),
    requestId,
  });

  const leadsOf = async (email: string): Promise<number> => {
    const [row] = await harness.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM leads WHERE email = $1',
      [email],
    );
    return row.n;
  };
  const auditRowsOf = async (requestId: string): Promise<number> => {
    const [row] = await harness.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_logs WHERE request_id = $1',
      [requestId],
    );
    return row.n;
  };

  beforeAll(async () => {
    harness = await startServices([LeadsModule, AuditModule], { providers: [Probe] });
    leads = harness.get(LeadsService);
    intake = harness.get(LeadIntakeService);
    probe = harness.get(Probe);
    probe.committed = leadsOf;
    manager = await newUser(harness, await newCompany(harness), Role.MANAGER);
  });
  beforeEach(() => probe.reset());
  afterAll(() => harness.close());

  it('runs in-transaction listeners before the commit and after-commit ones after it', async () => {
    const input = newLeadInput();
    const lead = await leads.create(manager, input);

    expect(probe.inTransaction).toHaveLength(1);
    const [before] = probe.inTransaction;
    expect(before.event.transaction).toBeDefined();
    expect(before.committedRows).toBe(0); // not yet visible to anyone else
    expect(before.event.payload.records).toEqual([
      expect.objectContaining({ id: lead.id, assignedToId: null }),
    ]);
    expect(before.event.actor).toMatchObject({ kind: 'user', userId: manager.userId });

    expect(probe.afterCommit).toHaveLength(1);
    const [after] = probe.afterCommit;
    expect(after.committedRows).toBe(1);
    expect(after.event.transaction).toBeUndefined();
    expect(after.event.payload).toEqual(before.event.payload);
  });

  it('never runs after-commit listeners when the transaction rolls back', async () => {
    const input = newLeadInput();
    await expect(
      harness.get(Transactions).run(async (transaction) => {
        await harness.get(DomainEvents).publish(
          LeadEvents.Created,
          {
            entity: 'Lead',
            records: [
              {
                id: randomUUID(),
                assignedToId: null,
                changes: { email: { from: null, to: input.email } },
              },
            ],
          },
          { actor: systemActor('rollback'), transaction },
        );
        throw new Error('the change fails after its event');
      }),
    ).rejects.toThrow('the change fails after its event');
    expect(probe.inTransaction).toHaveLength(1);
    expect(probe.afterCommit).toHaveLength(0);
    expect(await auditRowsOf('rollback')).toBe(0);
  });

  it('never runs them when COMMIT itself fails', async () => {
    await harness.sql('CREATE TABLE deferred_probe (n int UNIQUE DEFERRABLE INITIALLY DEFERRED)');
    await expect(
      harness.get(Transactions).run(async (transaction) => {
        await harness.sequelize.query('INSERT INTO deferred_probe VALUES (1), (1)', {
          transaction,
        });
        await harness
          .get(DomainEvents)
          .publish(
            LeadEvents.Created,
            { entity: 'Lead', records: [{ id: randomUUID(), assignedToId: null, changes: {} }] },
            { actor: systemActor('commit-fails'), transaction },
          );
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(probe.inTransaction).toHaveLength(1);
    expect(probe.afterCommit).toHaveLength(0);
    expect(await auditRowsOf('commit-fails')).toBe(0);
  });

  it('rolls the whole change back when an in-transaction listener fails', async () => {
    probe.failInTransaction = true;
    const input = newLeadInput();
    const caller = { ...manager, requestId: randomUUID() };
    await expect(leads.create(caller, input)).rejects.toThrow('in-transaction listener failed');
    expect(await leadsOf(input.email)).toBe(0);
    expect(await auditRowsOf(caller.requestId)).toBe(0);
    expect(probe.afterCommit).toHaveLength(0);
  });

  it('refuses, before any listener runs, a transaction not opened by Transactions.run', async () => {
    await expect(
      harness.sequelize.transaction((transaction) =>
        harness
          .get(DomainEvents)
          .publish(
            LeadEvents.Created,
            { entity: 'Lead', records: [] },
            { actor: systemActor('raw-transaction'), transaction },
          ),
      ),
    ).rejects.toThrow(/Transactions\.run/);
    expect(probe.inTransaction).toHaveLength(0);
  });

  it('runs both phases at once for an event published outside any transaction', async () => {
    await harness
      .get(DomainEvents)
      .publish(
        LeadEvents.Created,
        { entity: 'Lead', records: [] },
        { actor: systemActor('no-transaction') },
      );
    expect(probe.inTransaction).toHaveLength(1);
    expect(probe.inTransaction[0].event.transaction).toBeUndefined();
    expect(probe.afterCommit).toHaveLength(1);
  });

  it('never fails the caller when an after-commit listener fails, and reports it as a fault', async () => {
    probe.failAfterCommit = true;
    const faults: ServerFault[] = [];
    const unsubscribe = onServerFault((fault) => faults.push(fault));
    const input = newLeadInput();
    try {
      const lead = await leads.create(manager, input);
      expect(lead.email).toBe(input.email);
    } finally {
      unsubscribe();
    }
    expect(probe.afterCommit).toHaveLength(1);
    expect(await leadsOf(input.email)).toBe(1);
    expect(faults).toEqual([
      { error: new Error('after-commit listener failed'), source: 'after-commit' },
    ]);
  });

  it('publishes one event for a bulk create, audited in one statement', async () => {
    const inputs = Array.from({ length: 1000 }, () => newLeadInput());
    const statements = await harness.statements(() => intake.createMany(manager, inputs));
    expect(probe.inTransaction).toHaveLength(1);
    expect(probe.inTransaction[0].event.payload.records).toHaveLength(1000);
    const auditWrites = statements.filter((sql) => /INSERT INTO audit_logs/i.test(sql));
    expect(auditWrites).toHaveLength(1);
    const [row] = await harness.sql<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_logs WHERE action = 'lead.created' AND entity_id = ANY($1::uuid[])",
      [probe.inTransaction[0].event.payload.records.map((r) => r.id)],
    );
    expect(row.n).toBe(1000);
  });
});
