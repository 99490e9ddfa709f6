import type { UserCaller } from '../../src/auth/auth-context.js';
import { AuditModule } from '../../src/audit/audit.module.js';
import { TaskStatus } from '../../src/tasks/task-status.enum.js';
import { TasksModule } from '../../src/tasks/tasks.module.js';
import { TasksService } from '../../src/tasks/tasks.service.js';
import { newDeal } from '../support/deal-factory.js';
import { newTeam, type Team } from '../support/factories.js';
import { newLead } from '../support/lead-factory.js';
import { auditOf, startServices, type ServiceHarness } from '../support/service-harness.js';
import { newTask } from '../support/task-factory.js';

describe('TasksService', () => {
  let harness: ServiceHarness;
  let sut: TasksService;
  let team: Team<UserCaller>;

  beforeAll(async () => {
    harness = await startServices([TasksModule, AuditModule]);
    sut = harness.get(TasksService);
    team = await newTeam(harness);
  });
  afterAll(() => harness.close());

  it('creates a task on a lead and a deal of the company, audited in its transaction', async () => {
    const lead = await newLead(harness, team.manager);
    const deal = await newDeal(harness, team.manager);
    const task = await sut.create(team.manager, {
      title: 'Send the quote',
      leadId: lead.id,
      dealId: deal.id,
      assignedToId: team.rep.userId,
    });

    expect(task).toMatchObject({
      companyId: team.manager.companyId,
      createdById: team.manager.userId,
      assignedToId: team.rep.userId,
      leadId: lead.id,
      dealId: deal.id,
      status: TaskStatus.OPEN,
    });
    const trail = await auditOf(harness, task.id);
    expect(trail).toEqual([
      expect.objectContaining({ action: 'task.created', actor_user_id: team.manager.userId }),
    ]);
  });

  it('refuses a task on another company’s lead or deal as missing, writing nothing', async () => {
    const foreignLead = await newLead(harness, team.outsider);
    const foreignDeal = await newDeal(harness, team.outsider);
    const before = await sut.count(team.manager);

    await expect(
      sut.create(team.manager, { title: 'x', leadId: foreignLead.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      sut.create(team.manager, { title: 'x', dealId: foreignDeal.id }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await sut.count(team.manager)).toBe(before);
  });

  it('reads another company’s task as missing', async () => {
    const foreign = await newTask(harness, team.outsider);

    expect(await sut.findOne(team.admin, foreign.id)).toBeNull();
    await expect(sut.update(team.admin, { id: foreign.id, title: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(sut.remove(team.admin, foreign.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(sut.purge(team.admin, foreign.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await sut.page(team.admin, {})).rows.map((t) => t.id)).not.toContain(foreign.id);
  });

  it('lets a SALES_REP change only their own tasks, and reassign none', async () => {
    const theirs = await newTask(harness, team.otherRep);
    await expect(sut.complete(team.rep, theirs.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_ASSIGNED',
    });

    const mine = await newTask(harness, team.rep);
    expect(mine.assignedToId).toBe(team.rep.userId);
    await expect(
      sut.update(team.rep, { id: mine.id, assignedToId: team.otherRep.userId }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'ASSIGNMENT_NOT_ALLOWED' });

    const done = await sut.complete(team.rep, mine.id);
    expect(done.status).toBe(TaskStatus.DONE);
    expect(done.completedAt).toBeInstanceOf(Date);
    const actions = (await auditOf(harness, mine.id)).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['task.updated', 'task.completed']));
  });

  it('soft-deletes a task; a MANAGER restores it, a SALES_REP may not', async () => {
    const task = await newTask(harness, team.rep);
    expect(await sut.remove(team.rep, task.id)).toBe(true);
    expect(await sut.findOne(team.rep, task.id)).toBeNull();
    await expect(sut.page(team.rep, { filter: { includeDeleted: true } })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    await expect(sut.restore(team.rep, task.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await sut.restore(team.manager, task.id)).deletedAt).toBeNull();
    expect(await sut.findOne(team.rep, task.id)).toMatchObject({ id: task.id });
  });

  it('lets only an ADMIN purge a task, for good', async () => {
    const task = await newTask(harness, team.manager);
    await expect(sut.purge(team.manager, task.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_PERMITTED',
    });

    expect(await sut.purge(team.admin, task.id)).toBe(true);
    expect(await harness.sql('SELECT id FROM tasks WHERE id = $1', [task.id])).toEqual([]);
    expect(await sut.restore(team.admin, task.id).catch((e: unknown) => e)).toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
