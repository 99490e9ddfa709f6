import type { UserCaller } from '../../src/auth/auth-context.js';
import { AuditModule } from '../../src/audit/audit.module.js';
import { CommentsModule } from '../../src/comments/comments.module.js';
import { CommentsService } from '../../src/comments/comments.service.js';
import { newDeal } from '../support/deal-factory.js';
import { newTeam, type Team } from '../support/factories.js';
import { newLead } from '../support/lead-factory.js';
import { auditOf, startServices, type ServiceHarness } from '../support/service-harness.js';

describe('CommentsService', () => {
  let harness: ServiceHarness;
  let sut: CommentsService;
  let team: Team<UserCaller>;
  let leadId: string;

  beforeAll(async () => {
    harness = await startServices([CommentsModule, AuditModule]);
    sut = harness.get(CommentsService);
    team = await newTeam(harness);
    // Another rep's lead: whoever may read a record may comment on it.
    leadId = (await newLead(harness, team.otherRep)).id;
  });
  afterAll(() => harness.close());

  it('adds a comment by its author to a readable lead, audited in its transaction', async () => {
    const comment = await sut.add(team.rep, { leadId, body: 'Spoke to them' });

    expect(comment).toMatchObject({
      companyId: team.rep.companyId,
      leadId,
      dealId: null,
      authorId: team.rep.userId,
      body: 'Spoke to them',
    });
    expect(await auditOf(harness, comment.id)).toEqual([
      expect.objectContaining({ action: 'comment.added', actor_user_id: team.rep.userId }),
    ]);
    const page = await sut.page(team.manager, { leadId });
    expect(page.rows.map((c) => c.id)).toContain(comment.id);
  });

  it('comments on a deal too, and wants exactly one of leadId and dealId', async () => {
    const deal = await newDeal(harness, team.manager);
    const comment = await sut.add(team.rep, { dealId: deal.id, body: 'Budget confirmed' });
    expect(comment).toMatchObject({ dealId: deal.id, leadId: null });
    expect(await sut.count(team.rep, { dealId: deal.id })).toBe(1);

    await expect(
      sut.add(team.rep, { leadId, dealId: deal.id, body: 'Both' }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(sut.add(team.rep, { body: 'Neither' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('reads another company’s record, and its comments, as missing', async () => {
    const foreignLead = await newLead(harness, team.outsider);
    const foreign = await sut.add(team.outsider, { leadId: foreignLead.id, body: 'Ours' });

    await expect(
      sut.add(team.admin, { leadId: foreignLead.id, body: 'Hello' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(sut.page(team.admin, { leadId: foreignLead.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(sut.remove(team.admin, foreign.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await sut.count(team.outsider, { leadId: foreignLead.id })).toBe(1);
  });

  it('lets only the author or an ADMIN remove a comment — not a MANAGER', async () => {
    const first = await sut.add(team.rep, { leadId, body: 'First' });
    const second = await sut.add(team.rep, { leadId, body: 'Second' });

    for (const other of [team.otherRep, team.manager])
      await expect(sut.remove(other, first.id)).rejects.toMatchObject({
        code: 'FORBIDDEN',
        reason: 'NOT_AUTHOR',
      });

    expect(await sut.remove(team.rep, first.id)).toBe(true);
    expect(await sut.remove(team.admin, second.id)).toBe(true);
    const left = (await sut.page(team.rep, { leadId })).rows.map((c) => c.id);
    expect(left).not.toContain(first.id);
    expect(left).not.toContain(second.id);
    await expect(sut.remove(team.rep, first.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const actions = (await auditOf(harness, second.id)).map((row) => row.action);
    expect(actions.sort()).toEqual(['comment.added', 'comment.removed']);
  });
});
