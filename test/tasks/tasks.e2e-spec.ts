import { Role } from '../../src/auth/role.enum.js';
import { TaskDueJob } from '../../src/tasks/task-due.job.js';
import { dbRows, newDeal } from '../support/deal-factory.js';
import { newUser, type TestUser } from '../support/factories.js';
import { newLead } from '../support/lead-factory.js';
import { planOf } from '../support/query-plans.js';
import { newTask, TASK_FIELDS } from '../support/task-factory.js';
import { startTeamApp, type TestApp } from '../support/test-app.js';

const UPDATE = `mutation($i: UpdateTaskInput!) { updateTask(updateTaskInput: $i) { ${TASK_FIELDS} } }`;
const COMPLETE = `mutation($id: ID!) { completeTask(id: $id) { ${TASK_FIELDS} } }`;
const REMOVE = 'mutation($id: ID!) { removeTask(id: $id) }';
const TASK = `query($id: ID!) { task(id: $id) { ${TASK_FIELDS} } }`;
const LIST = `query($f: TaskFilter, $first: Int, $after: String) {
  tasksConnection(filter: $f, first: $first, after: $after) {
    totalCount edges { node { id title dueAt } } pageInfo { hasNextPage endCursor }
  }
}`;

type Row = Record<string, any>;

describe('tasks', () => {
  let sut: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let rep: TestUser;
  let otherRep: TestUser;
  let stranger: TestUser;

  beforeAll(async () => {
    // The due-time pass is run by the test (TaskDueJob.run), not by its timer.
    ({
      sut,
      admin,
      manager,
      rep,
      otherRep,
      outsider: stranger,
    } = await startTeamApp({ TASK_DUE_CHECK_SECONDS: '0' }));
  });
  afterAll(() => sut.close());

  const audited = (action: string, id: string) =>
    dbRows<{ changes: Row }>(
      sut,
      'SELECT changes FROM audit_logs WHERE action = $1 AND entity_id = $2 ORDER BY created_at',
      [action, id],
    );
  const list = async (user: TestUser, variables: Row): Promise<Row> => {
    const res = await sut.gql(LIST, variables, user.token);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.tasksConnection;
  };

  it('creates a task for yourself by default, about a lead and a deal, listed on both', async () => {
    const lead = await newLead(sut, admin, { assignedToId: rep.id });
    const deal = await newDeal(sut, admin, { leadId: lead.id });
    const task = await newTask(sut, rep, {
      title: '  Send the proposal  ',
      description: 'With the new prices',
      dueAt: '2027-01-15T09:00:00.000Z',
      leadId: lead.id,
      dealId: deal.id,
    });
    expect(task).toMatchObject({
      title: 'Send the proposal',
      description: 'With the new prices',
      dueAt: '2027-01-15T09:00:00.000Z',
      status: 'OPEN',
      completedAt: null,
      assignedTo: { id: rep.id },
      createdBy: { id: rep.id },
      lead: { id: lead.id },
      deal: { id: deal.id },
    });
    expect((await audited('task.created', task.id)).map((a) => a.changes.title)).toEqual([
      { from: null, to: 'Send the proposal' },
    ]);
    const nested = await sut.gql(
      'query($l: ID!, $d: ID!) { lead(id: $l) { tasks { id } } deal(id: $d) { tasks { id } } }',
      { l: lead.id, d: deal.id },
      manager.token,
    );
    expect(nested.data).toEqual({
      lead: { tasks: [{ id: task.id }] },
      deal: { tasks: [{ id: task.id }] },
    });
  });

  it('lists soonest due first, undated last, and pages through both by cursor', async () => {
    const owner = await newUser(sut, admin, Role.SALES_REP);
    const due = [
      '2027-03-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
      null,
      '2027-02-01T00:00:00.000Z',
      null,
    ];
    const made = [];
    for (const [i, dueAt] of due.entries())
      made.push(await newTask(sut, owner, { title: `T${i}`, dueAt }));
    const filter = { assignedToId: owner.id };
    const seen: Row[] = [];
    let after: string | null = null;
    do {
      const page: Row = await list(owner, { f: filter, first: 2, after });
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((e: Row) => e.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen.map((t) => t.dueAt).slice(0, 3)).toEqual([
      '2027-01-01T00:00:00.000Z',
      '2027-02-01T00:00:00.000Z',
      '2027-03-01T00:00:00.000Z',
    ]);
    const undated = made
      .filter((t) => t.dueAt === null)
      .map((t) => t.id)
      .sort();
    expect(seen.slice(3).map((t) => t.id)).toEqual(undated);
    const before = await list(owner, { f: { ...filter, dueBefore: '2027-02-15T00:00:00.000Z' } });
    expect(before.edges.map((e: Row) => e.node.dueAt)).toEqual([
      '2027-01-01T00:00:00.000Z',
      '2027-02-01T00:00:00.000Z',
    ]);
    const bad = await sut.gql(LIST, { f: filter, after: 'not-a-cursor' }, owner.token);
    expect(bad.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_CURSOR',
    });
  });

  it('completes once, keeps completedAt while DONE and clears it when reopened', async () => {
    const task = await newTask(sut, manager, { assignedToId: rep.id });
    const done = (await sut.gql(COMPLETE, { id: task.id }, rep.token)).data?.completeTask;
    expect(done.status).toBe('DONE');
    expect(new Date(done.completedAt).getTime()).toBeGreaterThan(0);
    const again = (await sut.gql(COMPLETE, { id: task.id }, rep.token)).data?.completeTask;
    expect(again.completedAt).toBe(done.completedAt);
    expect((await audited('task.completed', task.id)).map((a) => a.changes)).toEqual([
      { status: { from: 'OPEN', to: 'DONE' } },
    ]);
    const open = await list(manager, { f: { assignedToId: rep.id, status: 'DONE' } });
    expect(open.edges.map((e: Row) => e.node.id)).toContain(task.id);
    const reopened = (await sut.gql(UPDATE, { i: { id: task.id, status: 'OPEN' } }, rep.token)).data
      ?.updateTask;
    expect(reopened).toMatchObject({ status: 'OPEN', completedAt: null });
  });

  it('lets a SALES_REP change only their own tasks and give none away; a MANAGER reassigns', async () => {
    const theirs = await newTask(sut, otherRep);
    for (const [query, variables] of [
      [UPDATE, { i: { id: theirs.id, title: 'Taken' } }],
      [COMPLETE, { id: theirs.id }],
      [REMOVE, { id: theirs.id }],
    ] as const) {
      const refused = await sut.gql(query, variables, rep.token);
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'NOT_ASSIGNED',
      });
    }
    const mine = await newTask(sut, rep);
    const givenAway = await sut.gql(
      UPDATE,
      { i: { id: mine.id, assignedToId: otherRep.id } },
      rep.token,
    );
    expect(givenAway.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'ASSIGNMENT_NOT_ALLOWED',
    });
    const forOther = await sut.gql(
      'mutation($i: CreateTaskInput!) { createTask(createTaskInput: $i) { id } }',
      { i: { title: 'For you', assignedToId: otherRep.id } },
      rep.token,
    );
    expect(forOther.errors?.[0].extensions?.reason).toBe('ASSIGNMENT_NOT_ALLOWED');
    const moved = await sut.gql(
      UPDATE,
      { i: { id: mine.id, assignedToId: otherRep.id } },
      manager.token,
    );
    expect(moved.data?.updateTask.assignedTo).toEqual({ id: otherRep.id });
    const rows = await dbRows<Row>(sut, 'SELECT title, assigned_to_id FROM tasks WHERE id = $1', [
      theirs.id,
    ]);
    expect(rows).toEqual([{ title: 'Call back', assigned_to_id: otherRep.id }]);
  });

  it('refuses bad input with field messages and writes nothing', async () => {
    const before = await dbRows<{ n: number }>(sut, 'SELECT count(*)::int AS n FROM tasks');
    for (const [input, field] of [
      [{ title: '' }, 'title'],
      [{ title: 'x'.repeat(201) }, 'title'],
      [{ description: 'x'.repeat(10_001) }, 'description'],
      [{ leadId: 'not-a-uuid' }, 'leadId'],
      [{ assignedToId: 'nope' }, 'assignedToId'],
    ] as [Row, string][]) {
      const res = await sut.gql(
        'mutation($i: CreateTaskInput!) { createTask(createTaskInput: $i) { id } }',
        { i: { title: 'Bad', ...input } },
        manager.token,
      );
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.errors?.[0].extensions)).toContain(field);
    }
    const badDue = await sut.gql(
      'mutation($i: CreateTaskInput!) { createTask(createTaskInput: $i) { id } }',
      { i: { title: 'Bad', dueAt: 'tomorrow' } },
      manager.token,
    );
    expect(badDue.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await dbRows(sut, 'SELECT count(*)::int AS n FROM tasks')).toEqual(before);
  });

  it('keeps tenants apart: another company’s tasks, leads, deals and users read as missing', async () => {
    const task = await newTask(sut, manager, { assignedToId: rep.id });
    const lead = await newLead(sut, admin);
    const deal = await newDeal(sut, admin);
    expect((await sut.gql(TASK, { id: task.id }, stranger.token)).data?.task).toBeNull();
    const theirList = await list(stranger, {});
    expect(theirList.edges.map((e: Row) => e.node.id)).not.toContain(task.id);
    expect((await list(stranger, { f: { assignedToId: rep.id } })).totalCount).toBe(0);
    for (const [query, variables] of [
      [UPDATE, { i: { id: task.id, title: 'Hijacked' } }],
      [COMPLETE, { id: task.id }],
      [REMOVE, { id: task.id }],
    ] as const) {
      const res = await sut.gql(query, variables, stranger.token);
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
    const create = 'mutation($i: CreateTaskInput!) { createTask(createTaskInput: $i) { id } }';
    const onLead = await sut.gql(create, { i: { title: 'x', leadId: lead.id } }, stranger.token);
    expect(onLead.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const onDeal = await sut.gql(create, { i: { title: 'x', dealId: deal.id } }, stranger.token);
    expect(onDeal.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const toUser = await sut.gql(
      create,
      { i: { title: 'x', assignedToId: rep.id } },
      stranger.token,
    );
    expect(toUser.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'UNKNOWN_ASSIGNEE',
    });
    const reassign = await sut.gql(
      UPDATE,
      { i: { id: task.id, assignedToId: stranger.id } },
      manager.token,
    );
    expect(reassign.errors?.[0].extensions?.reason).toBe('UNKNOWN_ASSIGNEE');
    const rows = await dbRows<Row>(
      sut,
      'SELECT title, status, assigned_to_id FROM tasks WHERE id = $1',
      [task.id],
    );
    expect(rows).toEqual([{ title: 'Call back', status: 'OPEN', assigned_to_id: rep.id }]);
    const strangerTasks = await dbRows(
      sut,
      'SELECT 1 FROM tasks t JOIN users u ON u.id = $1 WHERE t.company_id = u.company_id',
      [stranger.id],
    );
    expect(strangerTasks).toEqual([]);
  });

  it('outlives its lead: hidden while the lead is removed, cleared when it is purged', async () => {
    const lead = await newLead(sut, admin);
    const task = await newTask(sut, manager, { leadId: lead.id });
    await sut.gql('mutation($id: ID!) { removeLead(id: $id) }', { id: lead.id }, admin.token);
    expect((await sut.gql(TASK, { id: task.id }, manager.token)).data?.task.lead).toBeNull();
    const purged = await sut.gql(
      'mutation($id: ID!) { purgeLead(id: $id) }',
      { id: lead.id },
      admin.token,
    );
    expect(purged.errors).toBeUndefined();
    expect(await dbRows(sut, 'SELECT lead_id FROM tasks WHERE id = $1', [task.id])).toEqual([
      { lead_id: null },
    ]);
  });

  it('removes a SALES_REP’s own task softly: hidden everywhere, restored by a MANAGER or ADMIN', async () => {
    const lead = await newLead(sut, admin, { assignedToId: rep.id });
    const deal = await newDeal(sut, admin, { leadId: lead.id });
    const past = new Date(Date.now() - 60_000).toISOString();
    const task = await newTask(sut, rep, { leadId: lead.id, dealId: deal.id, dueAt: past });
    expect((await sut.gql(REMOVE, { id: task.id }, rep.token)).data?.removeTask).toBe(true);

    // Still in the table (soft), gone from every read a user has.
    const [row] = await dbRows<Row>(sut, 'SELECT deleted_at FROM tasks WHERE id = $1', [task.id]);
    expect(row.deleted_at).toBeInstanceOf(Date);
    expect((await sut.gql(TASK, { id: task.id }, rep.token)).data?.task).toBeNull();
    const mine = await list(manager, { f: { assignedToId: rep.id } });
    expect(mine.edges.map((e: Row) => e.node.id)).not.toContain(task.id);
    const plain = await sut.gql('{ tasks(first: 500) { id } }', {}, manager.token);
    expect(plain.data?.tasks.map((t: Row) => t.id)).not.toContain(task.id);
    const nested = await sut.gql(
      'query($l: ID!, $d: ID!) { lead(id: $l) { tasks { id } } deal(id: $d) { tasks { id } } }',
      { l: lead.id, d: deal.id },
      manager.token,
    );
    expect(nested.data).toEqual({ lead: { tasks: [] }, deal: { tasks: [] } });
    // Nobody is told a removed task is due, and it cannot be changed or removed again.
    await sut.app.get(TaskDueJob).run();
    expect(await audited('task.due', task.id)).toHaveLength(0);
    for (const [query, variables] of [
      [COMPLETE, { id: task.id }],
      [UPDATE, { i: { id: task.id, title: 'Ghost' } }],
      [REMOVE, { id: task.id }],
    ] as const)
      expect((await sut.gql(query, variables, rep.token)).errors?.[0].extensions?.code).toBe(
        'NOT_FOUND',
      );

    // Removed tasks are seen, and restored, only by MANAGER/ADMIN.
    const withRemoved = { f: { assignedToId: rep.id, includeDeleted: true } };
    const repSees = await sut.gql(LIST, withRemoved, rep.token);
    expect(repSees.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_PERMITTED',
    });
    const managerSees = await list(manager, withRemoved);
    expect(managerSees.edges.map((e: Row) => e.node.id)).toContain(task.id);
    const RESTORE = `mutation($id: ID!) { restoreTask(id: $id) { id deletedAt } }`;
    const repRestores = await sut.gql(RESTORE, { id: task.id }, rep.token);
    expect(repRestores.errors?.[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_PERMITTED',
    });
    const restored = await sut.gql(RESTORE, { id: task.id }, manager.token);
    expect(restored.data?.restoreTask).toEqual({ id: task.id, deletedAt: null });
    expect((await sut.gql(TASK, { id: task.id }, rep.token)).data?.task.id).toBe(task.id);
    const back = await sut.gql(
      'query($l: ID!) { lead(id: $l) { tasks { id } } }',
      { l: lead.id },
      rep.token,
    );
    expect(back.data?.lead.tasks).toEqual([{ id: task.id }]);

    // An ADMIN restores too; each step is audited as a lead's is.
    expect((await sut.gql(REMOVE, { id: task.id }, rep.token)).data?.removeTask).toBe(true);
    expect((await sut.gql(RESTORE, { id: task.id }, admin.token)).data?.restoreTask.id).toBe(
      task.id,
    );
    const removals = await audited('task.removed', task.id);
    expect(removals).toHaveLength(2);
    expect(removals[0].changes.deletedAt).toMatchObject({ from: null });
    const restorations = await audited('task.restored', task.id);
    expect(restorations.map((a) => a.changes.deletedAt.to)).toEqual([null, null]);
  });

  it('deletes a task for good only for an ADMIN', async () => {
    const PURGE = 'mutation($id: ID!) { purgeTask(id: $id) }';
    const task = await newTask(sut, rep);
    for (const user of [rep, manager]) {
      const refused = await sut.gql(PURGE, { id: task.id }, user.token);
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'NOT_PERMITTED',
      });
    }
    expect(await dbRows(sut, 'SELECT id FROM tasks WHERE id = $1', [task.id])).toHaveLength(1);
    // Removed first, then purged: a removed task can be deleted for good too.
    await sut.gql(REMOVE, { id: task.id }, rep.token);
    expect((await sut.gql(PURGE, { id: task.id }, admin.token)).data?.purgeTask).toBe(true);
    expect(await dbRows(sut, 'SELECT id FROM tasks WHERE id = $1', [task.id])).toEqual([]);
    expect(await audited('task.purged', task.id)).toHaveLength(1);
    const again = await sut.gql(PURGE, { id: task.id }, admin.token);
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('answers NOT_FOUND for another company’s task to remove, restore and purge', async () => {
    const live = await newTask(sut, rep);
    const removed = await newTask(sut, rep);
    await sut.gql(REMOVE, { id: removed.id }, rep.token);
    const strangerManager = await newUser(sut, stranger, Role.MANAGER);
    const PURGE = 'mutation($id: ID!) { purgeTask(id: $id) }';
    // Each with a role that may do it in its own company (a MANAGER may not purge at all).
    for (const [query, id, users] of [
      [REMOVE, live.id, [stranger, strangerManager]],
      [
        'mutation($id: ID!) { restoreTask(id: $id) { id } }',
        removed.id,
        [stranger, strangerManager],
      ],
      ['mutation($id: ID!) { restoreTask(id: $id) { id } }', live.id, [stranger]],
      [PURGE, live.id, [stranger]],
      [PURGE, removed.id, [stranger]],
    ] as const)
      for (const user of users) {
        const res = await sut.gql(query, { id }, user.token);
        expect(res.errors?.[0].extensions).toMatchObject({
          code: 'NOT_FOUND',
          reason: 'NOT_FOUND',
        });
      }
    const theirs = await sut.gql(
      'query { tasksConnection(filter: { includeDeleted: true }) { edges { node { id } } } }',
      {},
      stranger.token,
    );
    expect(theirs.data?.tasksConnection.edges).toEqual([]);
    expect(
      await dbRows<Row>(
        sut,
        'SELECT id, deleted_at IS NULL AS live FROM tasks WHERE id = ANY($1) ORDER BY deleted_at NULLS FIRST',
        [[live.id, removed.id]],
      ),
    ).toEqual([
      { id: live.id, live: true },
      { id: removed.id, live: false },
    ]);
  });

  it('lists live tasks from an index of live tasks only; removed ones from the full index', async () => {
    const TASKS = /FROM tasks WHERE/;
    const options = { seqscan: false };
    expect(await planOf(sut, manager, '{ tasks { id } }', TASKS, options)).toMatch(
      /tasks_by_due\b/,
    );
    expect(
      await planOf(
        sut,
        manager,
        '{ tasks(filter: { includeDeleted: true }) { id } }',
        TASKS,
        options,
      ),
    ).toMatch(/tasks_all_by_due/);
  });

  it('announces a due task once per due time, only while it is OPEN', async () => {
    const scheduler = sut.app.get(TaskDueJob);
    const past = new Date(Date.now() - 60_000).toISOString();
    const due = await newTask(sut, manager, { assignedToId: rep.id, dueAt: past });
    const done = await newTask(sut, manager, { assignedToId: rep.id, dueAt: past });
    await sut.gql(COMPLETE, { id: done.id }, rep.token);
    const later = await newTask(sut, manager, {
      assignedToId: rep.id,
      dueAt: '2099-01-01T00:00:00.000Z',
    });
    expect(await scheduler.run()).toBeGreaterThanOrEqual(1);
    expect(await audited('task.due', due.id)).toHaveLength(1);
    expect(await audited('task.due', done.id)).toHaveLength(0);
    expect(await audited('task.due', later.id)).toHaveLength(0);
    expect(await scheduler.run()).toBe(0);
    // A new due time that has passed too: told again.
    await sut.gql(
      UPDATE,
      { i: { id: due.id, dueAt: new Date(Date.now() - 1000).toISOString() } },
      rep.token,
    );
    expect(await scheduler.run()).toBe(1);
    expect(await audited('task.due', due.id)).toHaveLength(2);
  });
});
