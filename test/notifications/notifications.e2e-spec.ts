import jwt from 'jsonwebtoken';
import { randomBytes } from 'node:crypto';
import { ActorKind } from '../../src/common/events/actor.js';
import { DomainEvents } from '../../src/common/events/domain-events.js';
import { Transactions } from '../../src/database/transactions.js';
import { LeadEvents } from '../../src/leads/leads.events.js';
import { SOCKETS_PER_USER } from '../../src/notifications/realtime/notifications.gateway.js';
import { Role } from '../../src/auth/role.enum.js';
import { NotificationBacklogJob } from '../../src/notifications/notification-backlog.job.js';
import { TaskDueJob } from '../../src/tasks/task-due.job.js';
import { dbRows, newDeal } from '../support/deal-factory.js';
import { newApiKey, newUser, type TestUser } from '../support/factories.js';
import { newLead } from '../support/lead-factory.js';
import { connectSocket, settle, type TestSocket } from '../support/socket-client.js';
import { newTask } from '../support/task-factory.js';
import { startTeamApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';

const NOTIFICATION = `id type title message itemCount isRead readAt relatedLeadId relatedDealId
  relatedTaskId createdAt`;
const LIST = `query($unread: Boolean, $first: Int, $after: String) {
  getNotifications(unreadOnly: $unread, first: $first, after: $after) {
    totalCount edges { node { ${NOTIFICATION} } } pageInfo { hasNextPage endCursor }
  }
}`;
const MARK = `mutation($id: ID!) { markAsRead(id: $id) { ${NOTIFICATION} } }`;
const DELETE = 'mutation($id: ID!) { deleteNotification(id: $id) }';
const ALLOWED_ORIGIN = 'https://app.example.com';

type Row = Record<string, any>;

describe('notifications', () => {
  let sut: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let rep: TestUser;
  let otherRep: TestUser;
  let stranger: TestUser;
  const sockets: TestSocket[] = [];

  const connect = async (user: TestUser): Promise<TestSocket> => {
    const socket = await connectSocket(sut.url, user.token);
    sockets.push(socket);
    return socket;
  };
  const data = async (user: TestUser, query: string, variables: Row = {}): Promise<Row> => {
    const res = await sut.gql(query, variables, user.token);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data;
  };
  const companyOf = async (userId: string): Promise<string> =>
    (
      await dbRows<{ company_id: string }>(sut, 'SELECT company_id FROM users WHERE id = $1', [
        userId,
      ])
    )[0].company_id;
  const ofType = (type: string) => (n: Row) => n.type === type;
  const created = (s: TestSocket) =>
    s.received.filter((r) => r.event === 'notification:created').map((r) => r.payload);

  beforeAll(async () => {
    ({
      sut,
      admin,
      manager,
      rep,
      otherRep,
      outsider: stranger,
    } = await startTeamApp({ TASK_DUE_CHECK_SECONDS: '0', CORS_ORIGINS: ALLOWED_ORIGIN }));
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(() => sut.close());

  describe('the socket handshake', () => {
    it('refuses a missing, a forged or a foreign-origin connection', async () => {
      await expect(connectSocket(sut.url, undefined)).rejects.toMatchObject({
        data: { code: 'UNAUTHENTICATED', reason: 'MISSING_ACCESS_TOKEN' },
      });
      await expect(connectSocket(sut.url, `${admin.token}x`)).rejects.toMatchObject({
        data: { code: 'UNAUTHENTICATED', reason: 'INVALID_ACCESS_TOKEN' },
      });
      // Refused at the upgrade, before socket.io speaks: the client sees the transport fail.
      await expect(
        connectSocket(sut.url, admin.token, { origin: 'https://evil.example' }),
      ).rejects.toMatchObject({ message: 'websocket error' });
      const allowed = await connectSocket(sut.url, admin.token, { origin: ALLOWED_ORIGIN });
      sockets.push(allowed);
      expect(allowed.socket.connected).toBe(true);
    });

    it('closes the socket of a session that logs out, and of a deactivated user', async () => {
      const leaving = await newUser(sut, admin, Role.SALES_REP);
      const socket = await connect(leaving);
      const closed = socket.disconnected();
      await data(leaving, 'mutation($t: String) { logout(refreshToken: $t) }', {
        t: leaving.refreshToken,
      });
      expect(await closed).toBe('io server disconnect');
      await expect(connectSocket(sut.url, leaving.token)).rejects.toMatchObject({
        data: { reason: 'INVALID_ACCESS_TOKEN' },
      });

      const fired = await newUser(sut, admin, Role.MANAGER);
      const firedSocket = await connect(fired);
      const gone = firedSocket.disconnected();
      await data(admin, 'mutation($u: ID!) { deactivateUser(userId: $u) { id } }', {
        u: fired.id,
      });
      expect(await gone).toBe('io server disconnect');
      // No longer a recipient either.
      const lead = await newLead(sut, rep);
      expect(
        await dbRows(
          sut,
          'SELECT id FROM notifications WHERE related_lead_id = $1 AND recipient_id = $2',
          [lead.id, fired.id],
        ),
      ).toEqual([]);
    });

    it('closes a socket when its token expires', async () => {
      const claims = jwt.decode(rep.token) as Record<string, unknown>;
      const shortLived = jwt.sign(
        { ...claims, exp: Math.floor(Date.now() / 1000) + 2 },
        TEST_JWT_SECRET,
        { algorithm: 'HS256' },
      );
      const socket = await connect({ ...rep, token: shortLived });
      expect(await socket.disconnected(5000)).toBe('io server disconnect');
    });

    it(`holds at most ${SOCKETS_PER_USER} sockets per user`, async () => {
      const user = await newUser(sut, admin, Role.SALES_REP);
      for (let i = 0; i < SOCKETS_PER_USER; i++) await connect(user);
      await expect(connectSocket(sut.url, user.token)).rejects.toMatchObject({
        data: { code: 'RATE_LIMITED', reason: 'TOO_MANY_SOCKETS' },
      });
    });
  });

  it('a change that rolls back writes and pushes no notification', async () => {
    const lead = await newLead(sut, rep);
    const managerSocket = await connect(manager);
    const before = await dbRows(sut, 'SELECT id FROM notifications WHERE related_lead_id = $1', [
      lead.id,
    ]);
    const actor = {
      kind: ActorKind.USER,
      companyId: await companyOf(rep.id),
      userId: rep.id,
      apiKeyId: null,
      requestId: null,
      ip: null,
    };
    const records = [
      { id: lead.id, assignedToId: null, changes: { email: { from: null, to: 'x@y.z' } } },
    ];
    const announce = (fail: boolean) =>
      sut.app.get(Transactions).run(async (transaction) => {
        await sut.app
          .get(DomainEvents)
          .publish(LeadEvents.Created, { entity: 'Lead', records }, { actor, transaction });
        if (fail) throw new Error('rolled back');
      });
    await expect(announce(true)).rejects.toThrow('rolled back');
    await settle();
    expect(created(managerSocket)).toEqual([]);
    expect(
      await dbRows(sut, 'SELECT id FROM notifications WHERE related_lead_id = $1', [lead.id]),
    ).toEqual(before);
    await announce(false);
    expect(await managerSocket.next('notification:created')).toMatchObject({
      relatedLeadId: lead.id,
    });
  });

  it('lead_created: the ADMINs and MANAGERs are told, never the actor or another company', async () => {
    const [adminSocket, managerSocket, repSocket, strangerSocket] = await Promise.all(
      [admin, manager, rep, stranger].map(connect),
    );
    const lead = await newLead(sut, rep, { firstName: 'Ada', lastName: 'Lovelace' });
    for (const socket of [adminSocket, managerSocket]) {
      const pushed = await socket.next('notification:created', ofType('lead_created'));
      expect(pushed).toMatchObject({
        type: 'lead_created',
        title: 'New lead',
        message: 'Ada Lovelace',
        itemCount: 1,
        isRead: false,
        relatedLeadId: lead.id,
      });
    }
    await settle();
    expect(created(repSocket)).toEqual([]);
    expect(created(strangerSocket)).toEqual([]);
    const [row] = await dbRows<{ recipient_id: string }>(
      sut,
      'SELECT recipient_id FROM notifications WHERE related_lead_id = $1 ORDER BY recipient_id',
      [lead.id],
    ).then((rows) => [rows.map((r) => r.recipient_id)]);
    expect(row).toEqual([admin.id, manager.id].sort());
  });

  it('a bulk create gives each recipient one grouped notification', async () => {
    const managerSocket = await connect(manager);
    const inputs = Array.from({ length: 120 }, (_, i) => ({
      firstName: 'Bulk',
      lastName: `Lead ${i}`,
      email: `bulk-${i}-${randomBytes(4).toString('hex')}@example.com`,
    }));
    await data(rep, 'mutation($i: [CreateLeadInput!]!) { createLeads(inputs: $i) { id } }', {
      i: inputs,
    });
    const pushed = await managerSocket.next(
      'notification:created',
      (n) => n.type === 'lead_created' && n.itemCount === 120,
    );
    expect(pushed).toMatchObject({ title: '120 new leads', relatedLeadId: null });
    await settle();
    expect(created(managerSocket)).toHaveLength(1);
  });

  it('reads, marks and deletes only your own notifications', async () => {
    await newLead(sut, rep);
    const lead = await newLead(sut, rep);
    const list = (await data(manager, LIST, { first: 1 })).getNotifications;
    const mine = list.edges[0].node;
    // GraphQL names the enum's values; sockets carry the stored value ('lead_created'), as before.
    expect(mine).toMatchObject({ type: 'LEAD_CREATED', relatedLeadId: lead.id, isRead: false });
    expect(list.pageInfo.hasNextPage).toBe(true);
    const unread = (await data(manager, '{ getUnreadCount }')).getUnreadCount;
    expect(unread).toBe(list.totalCount);

    // Another user of the company, and a user of another company, find nothing to touch.
    for (const intruder of [rep, stranger]) {
      for (const mutation of [MARK, DELETE]) {
        const res = await sut.gql(mutation, { id: mine.id }, intruder.token);
        expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
      }
      const theirs = (await data(intruder, LIST)).getNotifications.edges.map((e: Row) => e.node.id);
      expect(theirs).not.toContain(mine.id);
    }

    const managerSocket = await connect(manager);
    const marked = (await data(manager, MARK, { id: mine.id })).markAsRead;
    expect(marked).toMatchObject({ id: mine.id, isRead: true });
    expect(marked.readAt).not.toBeNull();
    expect(await managerSocket.next('notification:updated')).toMatchObject({
      id: mine.id,
      isRead: true,
    });
    expect((await data(manager, '{ getUnreadCount }')).getUnreadCount).toBe(unread - 1);
    const unreadList = (await data(manager, LIST, { unread: true, first: 100 })).getNotifications;
    expect(unreadList.edges.map((e: Row) => e.node.id)).not.toContain(mine.id);

    const all = (await data(manager, 'mutation { markAllAsRead }')).markAllAsRead;
    expect(all).toBe(unread - 1);
    expect(await managerSocket.next('notifications:bulk-updated')).toEqual({ markedRead: all });
    expect((await data(manager, '{ getUnreadCount }')).getUnreadCount).toBe(0);
    expect((await data(admin, '{ getUnreadCount }')).getUnreadCount).toBeGreaterThan(0);

    expect((await data(manager, DELETE, { id: mine.id })).deleteNotification).toBe(true);
    const again = await sut.gql(DELETE, { id: mine.id }, manager.token);
    expect(again.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('an API key has no notifications', async () => {
    const key = await newApiKey(sut, admin, ['INGEST']);
    const res = await fetch(`${sut.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key.secret },
      body: JSON.stringify({ query: '{ getUnreadCount }' }),
    });
    const body = (await res.json()) as Row;
    expect(body.data ?? null).toBeNull();
    expect(body.errors[0].extensions.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
  });

  it('lead_assigned and score_updated go to the assignee', async () => {
    const repSocket = await connect(rep);
    const lead = await newLead(sut, manager, { firstName: 'Kay', lastName: 'Rep' });
    await data(manager, 'mutation($id: ID!, $u: ID) { assignLead(id: $id, userId: $u) { id } }', {
      id: lead.id,
      u: rep.id,
    });
    expect(await repSocket.next('notification:created', ofType('lead_assigned'))).toMatchObject({
      title: 'Lead assigned to you',
      message: 'Kay Rep',
      relatedLeadId: lead.id,
    });
    await data(
      manager,
      'mutation($i: CreateInteractionInput!) { createInteraction(createInteractionInput: $i) { id } }',
      { i: { type: 'MEETING', date: new Date().toISOString(), leadId: lead.id } },
    );
    const scored = await repSocket.next('notification:created', ofType('score_updated'));
    expect(scored).toMatchObject({ title: 'Lead score changed', relatedLeadId: lead.id });
    expect(scored.message).toMatch(/^Kay Rep: 0 → \d+$/);
  });

  it('task_completed goes to creator and assignee; task_due to the assignee, once', async () => {
    const [managerSocket, otherSocket] = await Promise.all([manager, otherRep].map(connect));
    const task = await newTask(sut, manager, { title: 'Call back', assignedToId: otherRep.id });
    await data(otherRep, 'mutation($id: ID!) { completeTask(id: $id) { id } }', { id: task.id });
    expect(
      await managerSocket.next('notification:created', ofType('task_completed')),
    ).toMatchObject({
      title: 'Task completed',
      message: 'Call back',
      relatedTaskId: task.id,
    });

    const due = await newTask(sut, manager, {
      title: 'Renew the contract',
      assignedToId: otherRep.id,
      dueAt: new Date(Date.now() - 60_000).toISOString(),
    });
    await sut.app.get(TaskDueJob).run();
    await sut.app.get(TaskDueJob).run();
    expect(await otherSocket.next('notification:created', ofType('task_due'))).toMatchObject({
      title: 'Task due',
      message: 'Renew the contract',
      relatedTaskId: due.id,
    });
    // Creator and assignee in one person: one notification.
    const own = await newTask(sut, otherRep, { title: 'Own task' });
    await data(manager, 'mutation($id: ID!) { completeTask(id: $id) { id } }', { id: own.id });
    await otherSocket.next('notification:created', (n) => n.relatedTaskId === own.id);
    await settle();
    expect(created(otherSocket).filter((n) => n.relatedTaskId === own.id)).toHaveLength(1);
    expect(created(otherSocket).filter((n) => n.relatedTaskId === task.id)).toEqual([]); // the actor
    expect(created(otherSocket).filter(ofType('task_due'))).toHaveLength(1);
  });

  it('comment_added goes to the assignee and the earlier commenters', async () => {
    const lead = await newLead(sut, manager, { assignedToId: rep.id });
    const [repSocket, otherSocket, managerSocket] = await Promise.all(
      [rep, otherRep, manager].map(connect),
    );
    const add = (user: TestUser, body: string) =>
      data(user, 'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }', {
        i: { leadId: lead.id, body },
      });
    await add(otherRep, 'First');
    expect(await repSocket.next('notification:created', ofType('comment_added'))).toMatchObject({
      message: 'First',
      relatedLeadId: lead.id,
    });
    await add(manager, '%1$s <b>not markup</b>');
    const [toRep, toOther] = await Promise.all(
      [repSocket, otherSocket].map((s) =>
        s.next('notification:created', (n) => n.type === 'comment_added' && n.message !== 'First'),
      ),
    );
    for (const pushed of [toRep, toOther]) expect(pushed.message).toBe('%1$s <b>not markup</b>');
    await settle();
    expect(created(managerSocket).filter(ofType('comment_added'))).toEqual([]);
  });

  it('deal_assigned and deal_stage_changed go to the deal’s people', async () => {
    const repSocket = await connect(rep);
    const deal = await newDeal(sut, manager, { title: 'Big one', assignedToId: rep.id });
    expect(await repSocket.next('notification:created', ofType('deal_assigned'))).toMatchObject({
      title: 'Deal assigned to you',
      message: 'Big one',
      relatedDealId: deal.id,
    });
    await data(
      manager,
      'mutation($i: UpdateDealInput!) { updateDeal(updateDealInput: $i) { id } }',
      {
        i: { id: deal.id, stage: 'NEGOTIATION' },
      },
    );
    expect(
      await repSocket.next('notification:created', ofType('deal_stage_changed')),
    ).toMatchObject({ message: 'Big one: LEAD → NEGOTIATION', relatedDealId: deal.id });
    await data(manager, 'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }', {
      i: { dealId: deal.id, body: 'Pricing agreed' },
    });
    expect(await repSocket.next('notification:created', ofType('comment_added'))).toMatchObject({
      title: 'New comment on Big one',
      message: 'Pricing agreed',
      relatedDealId: deal.id,
    });
  });

  it('ingested leads are announced in one group per recipient after the window', async () => {
    const key = await newApiKey(sut, admin, ['INGEST']);
    const managerSocket = await connect(manager);
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${sut.url}/api/lead`, {
        method: 'POST',
        headers: { 'x-api-key': key.secret, 'content-type': 'application/json' },
        body: JSON.stringify({ email: `form-${i}-${randomBytes(4).toString('hex')}@example.com` }),
      });
      expect(res.status).toBe(201);
    }
    await settle();
    expect(created(managerSocket)).toEqual([]);
    expect(await sut.app.get(NotificationBacklogJob).run()).toBe(3);
    expect(await managerSocket.next('notification:created')).toMatchObject({
      type: 'lead_created',
      title: '3 new leads',
      itemCount: 3,
    });
    expect(await sut.app.get(NotificationBacklogJob).run()).toBe(0);

    // Alone in its window, a lead is named: by its e-mail when the form sent no name.
    const email = `alone-${randomBytes(4).toString('hex')}@example.com`;
    await fetch(`${sut.url}/api/lead`, {
      method: 'POST',
      headers: { 'x-api-key': key.secret, 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    await sut.app.get(NotificationBacklogJob).run();
    expect(
      await managerSocket.next('notification:created', (n) => n.itemCount === 1),
    ).toMatchObject({ type: 'lead_created', title: 'New lead', message: email });
  });
});
