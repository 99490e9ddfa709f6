import { systemCaller, type UserCaller } from '../../src/auth/auth-context.js';
import { Role } from '../../src/auth/role.enum.js';
import { AuditModule } from '../../src/audit/audit.module.js';
import { Transactions } from '../../src/database/transactions.js';
import { LeadAccess } from '../../src/leads/lead-access.js';
import { LeadsModule } from '../../src/leads/leads.module.js';
import { LeadsService } from '../../src/leads/leads.service.js';
import { newCompany, newUser, newApiKey } from '../support/factories.js';
import { newLeadInput } from '../support/lead-factory.js';
import { startServices, type ServiceHarness } from '../support/service-harness.js';

describe('LeadAccess', () => {
  let harness: ServiceHarness;
  let sut: LeadAccess;
  let leads: LeadsService;
  let manager: UserCaller;
  let rep: UserCaller;
  let otherRep: UserCaller;
  let outsider: UserCaller;
  /** The rep's lead, another rep's lead, an unassigned one, a removed one, another company's. */
  let ids: { mine: string; theirs: string; nobodys: string; removed: string; foreign: string };

  beforeAll(async () => {
    harness = await startServices([LeadsModule, AuditModule]);
    sut = harness.get(LeadAccess);
    leads = harness.get(LeadsService);
    const company = await newCompany(harness);
    manager = await newUser(harness, company, Role.MANAGER);
    rep = await newUser(harness, company, Role.SALES_REP);
    otherRep = await newUser(harness, company, Role.SALES_REP);
    outsider = await newCompany(harness);
    const removed = await leads.create(rep, newLeadInput());
    await leads.remove(rep, removed.id);
    ids = {
      mine: (await leads.create(rep, newLeadInput())).id,
      theirs: (await leads.create(otherRep, newLeadInput())).id,
      nobodys: (await leads.create(manager, newLeadInput())).id,
      removed: removed.id,
      foreign: (await leads.create(outsider, newLeadInput())).id,
    };
  });
  afterAll(() => harness.close());

  const all = (): string[] => Object.values(ids);

  it('reads the company’s live leads only, in one statement for any number of ids', async () => {
    let readable = new Set<string>();
    const statements = await harness.statements(async () => {
      readable = await sut.readable(rep, all());
    });
    expect(readable).toEqual(new Set([ids.mine, ids.theirs, ids.nobodys]));
    expect(statements).toHaveLength(1);
  });

  it('lets a SALES_REP change only their own leads, a MANAGER all of the company’s', async () => {
    expect(await sut.changeable(rep, all())).toEqual(new Set([ids.mine]));
    expect(await sut.changeable(manager, all())).toEqual(
      new Set([ids.mine, ids.theirs, ids.nobodys]),
    );
  });

  it('gives an API key nothing to read or change, and the system the whole company', async () => {
    const key = await newApiKey(harness, rep);
    expect(await sut.readable(key, all())).toEqual(new Set());
    expect(await sut.changeable(key, all())).toEqual(new Set());
    expect(await sut.changeable(systemCaller(rep.companyId, 'test.job'), all())).toEqual(
      new Set([ids.mine, ids.theirs, ids.nobodys]),
    );
  });

  it('answers NOT_FOUND for another company’s or a removed lead, FORBIDDEN for someone else’s', async () => {
    for (const id of [ids.foreign, ids.removed]) {
      await expect(sut.requireReadable(rep, id)).rejects.toMatchObject({
        code: 'NOT_FOUND',
        reason: 'NOT_FOUND',
      });
    }
    await expect(
      harness.get(Transactions).run((t) => sut.requireChangeable(rep, ids.theirs, t)),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_ASSIGNED' });
    await expect(
      harness.get(Transactions).run((t) => sut.requireChangeable(rep, ids.mine, t)),
    ).resolves.toEqual({ id: ids.mine, assignedToId: rep.userId });
  });

  it('holds the lead locked for the transaction that checked it', async () => {
    const transactions = harness.get(Transactions);
    const { id } = await leads.create(manager, newLeadInput());
    let removal: Promise<boolean> | undefined;
    let removedBeforeCommit = false;
    await transactions.run(async (t) => {
      await sut.requireChangeable(manager, id, t);
      removal = leads.remove(manager, id).then((done) => (removedBeforeCommit = done));
      // The removal waits on the lock this transaction holds.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(removedBeforeCommit).toBe(false);
    });
    expect(await removal).toBe(true);
    expect(await sut.readable(manager, [id])).toEqual(new Set());
  });
});
