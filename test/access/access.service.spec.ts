import { systemCaller, type UserCaller } from '../../src/auth/auth-context.js';
import { Role } from '../../src/auth/role.enum.js';
import { AccessService } from '../../src/access/access.service.js';
import { RecordPermission } from '../../src/access/record-permission.js';
import { AuditModule } from '../../src/audit/audit.module.js';
import { CommentsModule } from '../../src/comments/comments.module.js';
import { CommentsService } from '../../src/comments/comments.service.js';
import { Transactions } from '../../src/database/transactions.js';
import { DealsModule } from '../../src/deals/deals.module.js';
import { DealsService } from '../../src/deals/deals.service.js';
import { LeadsModule } from '../../src/leads/leads.module.js';
import { LeadsService } from '../../src/leads/leads.service.js';
import { newApiKey, newCompany, newUser } from '../support/factories.js';
import { newLeadInput } from '../support/lead-factory.js';
import { startServices, type ServiceHarness } from '../support/service-harness.js';

describe('AccessService', () => {
  let harness: ServiceHarness;
  let sut: AccessService;
  let leads: LeadsService;
  let manager: UserCaller;
  let admin: UserCaller;
  let rep: UserCaller;
  let otherRep: UserCaller;
  let outsider: UserCaller;
  /** The rep's lead, another rep's lead, an unassigned one, a removed one, another company's. */
  let ids: { mine: string; theirs: string; nobodys: string; removed: string; foreign: string };

  beforeAll(async () => {
    harness = await startServices([LeadsModule, DealsModule, CommentsModule, AuditModule]);
    sut = harness.get(AccessService);
    leads = harness.get(LeadsService);
    admin = await newCompany(harness);
    manager = await newUser(harness, admin, Role.MANAGER);
    rep = await newUser(harness, admin, Role.SALES_REP);
    otherRep = await newUser(harness, admin, Role.SALES_REP);
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

  it('reads the company’s live records only, in one statement for many ids', async () => {
    const many = [...all(), ...Array.from({ length: 200 }, () => crypto.randomUUID())];
    let readable = new Set<string>();
    const statements = await harness.statements(async () => {
      readable = await sut.check(rep, RecordPermission.ReadLead, many);
    });
    expect(readable).toEqual(new Set([ids.mine, ids.theirs, ids.nobodys]));
    expect(statements).toHaveLength(1);
  });

  it('lets a SALES_REP change only their own records, a MANAGER all of the company’s', async () => {
    expect(await sut.check(rep, RecordPermission.ChangeLead, all())).toEqual(new Set([ids.mine]));
    expect(await sut.check(manager, RecordPermission.ChangeLead, all())).toEqual(
      new Set([ids.mine, ids.theirs, ids.nobodys]),
    );
  });

  it('gives an API key nothing to read or change, and the system the whole company', async () => {
    const key = await newApiKey(harness, rep);
    expect(await sut.check(key, RecordPermission.ReadLead, all())).toEqual(new Set());
    expect(await sut.check(key, RecordPermission.ChangeLead, all())).toEqual(new Set());
    await expect(sut.require(key, RecordPermission.ReadLead, [ids.mine])).rejects.toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_PERMITTED',
    });
    expect(
      await sut.check(systemCaller(rep.companyId, 'test.job'), RecordPermission.ChangeLead, all()),
    ).toEqual(new Set([ids.mine, ids.theirs, ids.nobodys]));
  });

  it('answers NOT_FOUND for another company’s or a removed record, NOT_ASSIGNED for someone else’s', async () => {
    for (const id of [ids.foreign, ids.removed]) {
      await expect(sut.requireOne(rep, RecordPermission.ReadLead, id)).rejects.toMatchObject({
        code: 'NOT_FOUND',
        reason: 'NOT_FOUND',
        message: `Lead ${id} not found`,
      });
    }
    // The first refused id decides, in the order given.
    await expect(
      sut.require(rep, RecordPermission.ChangeLead, [ids.mine, ids.foreign, ids.theirs]),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      harness
        .get(Transactions)
        .run((t) => sut.requireOne(rep, RecordPermission.ChangeLead, ids.theirs, t)),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_ASSIGNED' });
    await expect(
      sut.require(rep, RecordPermission.ChangeLead, [ids.mine, ids.mine]),
    ).resolves.toEqual([
      { id: ids.mine, ownerId: rep.userId },
      { id: ids.mine, ownerId: rep.userId },
    ]);
  });

  it('reads deals by the same rules: another company’s and removed ones are missing', async () => {
    const deals = harness.get(DealsService);
    const own = await deals.create(rep, { title: 'Own' });
    const gone = await deals.create(rep, { title: 'Gone' });
    await deals.remove(rep, gone.id);
    const foreign = await deals.create(outsider, { title: 'Foreign' });
    const other = await deals.create(otherRep, { title: 'Theirs' });
    expect(
      await sut.check(rep, RecordPermission.ReadDeal, [own.id, gone.id, foreign.id, other.id]),
    ).toEqual(new Set([own.id, other.id]));
    expect(
      await sut.check(rep, RecordPermission.ChangeDeal, [own.id, gone.id, foreign.id, other.id]),
    ).toEqual(new Set([own.id]));
  });

  it('lets the author or an ADMIN remove a comment, and no one else', async () => {
    const comments = harness.get(CommentsService);
    const comment = await comments.add(rep, { leadId: ids.nobodys, body: 'Called them' });
    expect(await sut.check(rep, RecordPermission.RemoveComment, [comment.id])).toEqual(
      new Set([comment.id]),
    );
    expect(await sut.check(admin, RecordPermission.RemoveComment, [comment.id])).toEqual(
      new Set([comment.id]),
    );
    expect(await sut.check(manager, RecordPermission.RemoveComment, [comment.id])).toEqual(
      new Set(),
    );
    await expect(
      sut.requireOne(manager, RecordPermission.RemoveComment, comment.id),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_AUTHOR' });
    await expect(
      sut.requireOne(outsider, RecordPermission.RemoveComment, comment.id),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('gathers the asks of one tick into one statement (fields resolved per parent)', async () => {
    let answers: boolean[] = [];
    const statements = await harness.statements(async () => {
      answers = await Promise.all(
        all().map((id) => sut.permits(rep, RecordPermission.ReadLead, id)),
      );
    });
    expect(answers).toEqual([true, true, true, false, false]);
    expect(statements).toHaveLength(1);
  });

  it('holds the records locked for the transaction that checked them, and only then', async () => {
    const transactions = harness.get(Transactions);
    const { id } = await leads.create(manager, newLeadInput());
    // From a connection of its own: NOWAIT fails at once on a row another transaction locked.
    const lockFromOutside = (): Promise<unknown> =>
      harness.sql('SELECT id FROM leads WHERE id = $1 FOR UPDATE NOWAIT', [id]);
    await transactions.run(async (t) => {
      await sut.require(manager, RecordPermission.ChangeLead, [id, ids.nobodys], t);
      await expect(lockFromOutside()).rejects.toMatchObject({
        original: { code: '55P03' },
      });
    });
    await expect(lockFromOutside()).resolves.toEqual([{ id }]);
    // Without a transaction nothing stays locked.
    await sut.require(manager, RecordPermission.ChangeLead, [id]);
    await expect(lockFromOutside()).resolves.toEqual([{ id }]);
  });
});
