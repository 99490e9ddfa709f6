import { systemCaller, type ApiKeyCaller, type UserCaller } from '../../src/auth/auth-context.js';
import { Role } from '../../src/auth/role.enum.js';
import { AuditModule } from '../../src/audit/audit.module.js';
import { InteractionKind } from '../../src/interactions/interaction-kind.enum.js';
import { InteractionsModule } from '../../src/interactions/interactions.module.js';
import { InteractionsService } from '../../src/interactions/interactions.service.js';
import { SortDirection } from '../../src/common/graphql/sort-direction.enum.js';
import { LeadOrderField } from '../../src/leads/dto/lead-order.input.js';
import { LeadStatus } from '../../src/leads/lead-status.enum.js';
import { LeadsModule } from '../../src/leads/leads.module.js';
import { LeadIntakeService } from '../../src/leads/lead-intake.service.js';
import { LeadsService } from '../../src/leads/leads.service.js';
import { newCompany, newUser, newApiKey } from '../support/factories.js';
import { newLeadInput } from '../support/lead-factory.js';
import { startServices, type ServiceHarness } from '../support/service-harness.js';

interface AuditRow {
  actor_kind: string;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  request_id: string | null;
  changes: Record<string, unknown>;
}

/** The one caller type: users, API keys and background work through the same services. */
describe('callers', () => {
  let harness: ServiceHarness;
  let sut: LeadsService;
  let intake: LeadIntakeService;
  let manager: UserCaller;
  let rep: UserCaller;
  let ingest: ApiKeyCaller;
  let outsiderKey: ApiKeyCaller;

  const auditOf = (entityId: string, action: string): Promise<AuditRow[]> =>
    harness.sql<AuditRow>(
      'SELECT actor_kind, actor_user_id, actor_api_key_id, request_id, changes FROM audit_logs WHERE entity_id = $1 AND action = $2',
      [entityId, action],
    );

  beforeAll(async () => {
    harness = await startServices([LeadsModule, InteractionsModule, AuditModule]);
    sut = harness.get(LeadsService);
    intake = harness.get(LeadIntakeService);
    const company = await newCompany(harness);
    manager = await newUser(harness, company, Role.MANAGER);
    rep = await newUser(harness, company, Role.SALES_REP);
    ingest = await newApiKey(harness, company);
    outsiderKey = await newApiKey(harness, await newCompany(harness));
  });
  afterAll(() => harness.close());

  describe('a user', () => {
    it('is the actor of what they do, and a SALES_REP’s new lead is theirs', async () => {
      const lead = await sut.create(rep, newLeadInput());
      expect(lead.assignedToId).toBe(rep.userId);
      expect(await auditOf(lead.id, 'lead.created')).toEqual([
        expect.objectContaining({
          actor_kind: 'user',
          actor_user_id: rep.userId,
          actor_api_key_id: null,
          request_id: rep.requestId,
        }),
      ]);
    });
  });

  describe('an API key with INGEST', () => {
    it('creates an unassigned lead, audited as the key', async () => {
      const lead = await sut.create(ingest, newLeadInput({ email: 'form@example.com' }));
      expect(lead.assignedToId).toBeNull();
      expect(await auditOf(lead.id, 'lead.created')).toEqual([
        expect.objectContaining({
          actor_kind: 'api_key',
          actor_user_id: null,
          actor_api_key_id: ingest.apiKeyId,
        }),
      ]);
    });

    it('may not give its lead to anyone', async () => {
      await expect(
        sut.create(ingest, newLeadInput({ assignedToId: rep.userId })),
      ).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'ASSIGNMENT_NOT_ALLOWED' });
    });

    it('finds a lead of its company by e-mail, in any case, and never another company’s', async () => {
      expect((await intake.findByEmail(ingest, 'FORM@example.com'))?.email).toBe(
        'form@example.com',
      );
      expect(await intake.findByEmail(outsiderKey, 'form@example.com')).toBeNull();
    });

    it('fills only the empty fields of a found lead', async () => {
      const lead = await sut.create(
        manager,
        newLeadInput({ phone: '+1 555 010 2030', location: null, source: null }),
      );
      const filled = await intake.fillEmptyFields(ingest, lead.id, {
        phone: '+44 20 7946 0958',
        location: 'London',
        firstName: 'Someone Else',
      });
      expect(filled).toMatchObject({
        phone: '+1 555 010 2030',
        location: 'London',
        firstName: 'Grace',
      });
      const [audit] = await auditOf(lead.id, 'lead.updated');
      expect(audit).toMatchObject({
        actor_kind: 'api_key',
        changes: { location: { from: null, to: 'London' } },
      });
      await expect(
        intake.fillEmptyFields(outsiderKey, lead.id, { location: 'Paris' }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      // What it offers is checked as createLead checks it.
      await expect(
        intake.fillEmptyFields(ingest, lead.id, { source: 'x'.repeat(101), lastName: '   ' }),
      ).rejects.toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { source: expect.any(Array), lastName: expect.any(Array) },
      });
    });

    it('may do nothing else: no reading lists, no edits, no interactions', async () => {
      const lead = await sut.create(ingest, newLeadInput());
      const attempts: (() => Promise<unknown>)[] = [
        () => sut.page(ingest, {}),
        () => sut.count(ingest, {}),
        () =>
          sut.exportCsv(ingest, {
            orderBy: LeadOrderField.CREATED_AT,
            direction: SortDirection.DESC,
          }),
        () => sut.findOne(ingest, lead.id),
        () => intake.createMany(ingest, [newLeadInput()]),
        () => sut.restore(ingest, lead.id),
        () => sut.purge(ingest, lead.id),
        () => sut.update(ingest, { id: lead.id, status: LeadStatus.LOST }),
        () => sut.remove(ingest, lead.id),
        () => sut.assign(ingest, lead.id, rep.userId),
        () =>
          harness.get(InteractionsService).create(ingest, {
            leadId: lead.id,
            type: InteractionKind.CALL,
            date: new Date(),
          }),
      ];
      for (const attempt of attempts)
        await expect(Promise.resolve().then(attempt)).rejects.toMatchObject({
          code: 'FORBIDDEN',
          reason: 'NOT_PERMITTED',
        });
    });

    it('without the scope may not even create', async () => {
      const scopeless = await newApiKey(harness, manager, []);
      await expect(sut.create(scopeless, newLeadInput())).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    });
  });

  describe('the system', () => {
    it('changes any lead of its company, audited under its job', async () => {
      const lead = await sut.create(rep, newLeadInput());
      const system = systemCaller(manager.companyId, 'scores.recalculate');
      await sut.update(system, { id: lead.id, status: LeadStatus.CONTACTED });
      expect(await auditOf(lead.id, 'lead.updated')).toEqual([
        expect.objectContaining({
          actor_kind: 'system',
          actor_user_id: null,
          request_id: expect.stringMatching(/^scores\.recalculate:/),
        }),
      ]);
    });

    it('cannot reach another company’s lead, nor delete for good', async () => {
      const foreign = await sut.create(outsiderKey, newLeadInput());
      const system = systemCaller(manager.companyId, 'test.job');
      await expect(
        sut.update(system, { id: foreign.id, status: LeadStatus.LOST }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const own = await sut.create(manager, newLeadInput());
      await expect(sut.purge(system, own.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });
});
