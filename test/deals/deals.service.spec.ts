import type { UserCaller } from '../../src/auth/auth-context.js';
import { AuditModule } from '../../src/audit/audit.module.js';
import { DealStage } from '../../src/deals/deal-enums.js';
import { DealsModule } from '../../src/deals/deals.module.js';
import { DealsService } from '../../src/deals/deals.service.js';
import { newTeam, type Team } from '../support/factories.js';
import { newDeal } from '../support/deal-factory.js';
import { newLead } from '../support/lead-factory.js';
import { auditOf, startServices, type ServiceHarness } from '../support/service-harness.js';

describe('DealsService', () => {
  let harness: ServiceHarness;
  let sut: DealsService;
  let team: Team<UserCaller>;

  beforeAll(async () => {
    harness = await startServices([DealsModule, AuditModule]);
    sut = harness.get(DealsService);
    team = await newTeam(harness);
  });
  afterAll(() => harness.close());

  it('creates a deal in the caller’s company, scored and audited in its transaction', async () => {
    const deal = await sut.create(team.manager, {
      title: 'Fleet renewal',
      value: '12000.00',
      stage: DealStage.NEGOTIATION,
      assignedToId: team.rep.userId,
    });

    expect(deal).toMatchObject({
      companyId: team.manager.companyId,
      createdById: team.manager.userId,
      assignedToId: team.rep.userId,
      stage: DealStage.NEGOTIATION,
      closedAt: null,
    });
    expect(deal.leadScore).toBeGreaterThan(0);
    const trail = await auditOf(harness, deal.id);
    expect(trail.map((row) => row.action).sort()).toEqual(['deal.assigned', 'deal.created']);
    expect(trail.every((row) => row.actor_user_id === team.manager.userId)).toBe(true);
    expect(trail.every((row) => row.request_id === team.manager.requestId)).toBe(true);
  });

  it('gives a SALES_REP’s new deal to the rep, and refuses giving it to anyone else', async () => {
    const own = await sut.create(team.rep, { title: 'Mine' });
    expect(own.assignedToId).toBe(team.rep.userId);

    await expect(
      sut.create(team.rep, { title: 'Theirs', assignedToId: team.otherRep.userId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'ASSIGNMENT_NOT_ALLOWED' });
  });

  it('lets a SALES_REP change only the deals assigned to them', async () => {
    const theirs = await newDeal(harness, team.otherRep);
    await expect(sut.update(team.rep, { id: theirs.id, title: 'Taken' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_ASSIGNED',
    });
    await expect(sut.remove(team.rep, theirs.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const mine = await newDeal(harness, team.rep);
    const updated = await sut.update(team.rep, { id: mine.id, stage: DealStage.CLOSED_WON });
    expect(updated.stage).toBe(DealStage.CLOSED_WON);
    expect(updated.closedAt).toBeInstanceOf(Date);
    const actions = (await auditOf(harness, mine.id)).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['deal.updated', 'deal.stage_changed']));
  });

  it('refuses a SALES_REP moving a deal to a colleague; a MANAGER may', async () => {
    const mine = await newDeal(harness, team.rep);
    await expect(
      sut.update(team.rep, { id: mine.id, assignedToId: team.otherRep.userId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'ASSIGNMENT_NOT_ALLOWED' });

    const moved = await sut.update(team.manager, {
      id: mine.id,
      assignedToId: team.otherRep.userId,
    });
    expect(moved.assignedToId).toBe(team.otherRep.userId);
  });

  it('reads another company’s deal as missing, for reads and writes alike', async () => {
    const foreign = await newDeal(harness, team.outsider, { title: 'Not yours' });

    expect(await sut.findOne(team.admin, foreign.id)).toBeNull();
    await expect(sut.update(team.admin, { id: foreign.id, title: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(sut.remove(team.admin, foreign.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(sut.restore(team.admin, foreign.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const page = await sut.page(team.admin, { first: 100 });
    expect(page.rows.map((deal) => deal.id)).not.toContain(foreign.id);
  });

  it('refuses linking a deal to another company’s lead', async () => {
    const foreignLead = await newLead(harness, team.outsider);
    await expect(
      sut.create(team.manager, { title: 'Stolen', leadId: foreignLead.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('soft-deletes a deal and lets only a MANAGER or ADMIN restore it', async () => {
    const deal = await newDeal(harness, team.rep);
    expect(await sut.remove(team.rep, deal.id)).toBe(true);
    expect(await sut.findOne(team.rep, deal.id)).toBeNull();
    const listed = async () => (await sut.page(team.manager, { first: 100 })).rows.map((d) => d.id);
    expect(await listed()).not.toContain(deal.id);

    await expect(sut.restore(team.rep, deal.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_PERMITTED',
    });
    const restored = await sut.restore(team.manager, deal.id);
    expect(restored.deletedAt).toBeNull();
    expect(await sut.findOne(team.rep, deal.id)).toMatchObject({ id: deal.id });
    expect(await listed()).toContain(deal.id);
    const actions = (await auditOf(harness, deal.id)).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['deal.removed', 'deal.restored']));
  });

  it('lets a SALES_REP’s bulk change reach only their own deals, skipping the others', async () => {
    const mine = await newDeal(harness, team.rep);
    const theirs = await newDeal(harness, team.otherRep);
    const foreign = await newDeal(harness, team.outsider);

    const result = await sut.bulkUpdate(team.rep, [mine.id, theirs.id, foreign.id], {
      stage: DealStage.QUALIFIED,
    });

    expect(result.count).toBe(1);
    expect(result.skipped.map((s) => s.id).sort()).toEqual([theirs.id, foreign.id].sort());
    expect((await sut.findOne(team.otherRep, theirs.id))?.stage).toBe(theirs.stage);
  });
});
