import { io } from 'socket.io-client';
import { Role } from '../../src/auth/role.enum.js';
import { newCompany, newUser, type TestUser } from '../support/factories.js';
import { newLead } from '../support/lead-factory.js';
import {
  companyIdOf,
  connectSocket,
  droppableSocket,
  roomsOf,
  settle,
  waitFor,
  type TestSocket,
} from '../support/socket-client.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { redisUrl, withRedis } from '../support/test-env.js';

/** Two instances on one PostgreSQL and one Redis, as behind a load balancer. */
withRedis('notifications across instances (Redis Streams adapter)', () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let rep: TestUser;
  let stranger: TestUser;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    [a, b] = await Promise.all([
      startTestApp({ REDIS_URL: redisUrl() }, db),
      startTestApp({ REDIS_URL: redisUrl() }, db),
    ]);
    admin = await newCompany(a);
    manager = await newUser(a, admin, Role.MANAGER);
    rep = await newUser(a, admin, Role.SALES_REP);
    stranger = await newCompany(b);
    // The adapters' stream readers start at the stream's end: let them get there.
    await settle(500);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await db.drop();
  });

  const connect = async (app: TestApp, user: TestUser): Promise<TestSocket> => {
    const socket = await connectSocket(app.url, user.token);
    sockets.push(socket);
    return socket;
  };

  it('a client on B receives the notification of a lead created through A; another company nothing', async () => {
    const [managerOnB, strangerOnB, adminOnA] = await Promise.all([
      connect(b, manager),
      connect(b, stranger),
      connect(a, admin),
    ]);
    const lead = await newLead(a, rep);
    for (const socket of [managerOnB, adminOnA])
      expect(await socket.next('notification:created')).toMatchObject({
        type: 'lead_created',
        relatedLeadId: lead.id,
      });
    await settle();
    expect(strangerOnB.received).toEqual([]);
    expect(managerOnB.received).toHaveLength(1);
  });

  it('a logout through A closes the session’s socket on B', async () => {
    const user = await newUser(a, admin, Role.SALES_REP);
    const onB = await connect(b, user);
    const closed = onB.disconnected();
    const res = await a.gql(
      'mutation($t: String) { logout(refreshToken: $t) }',
      { t: user.refreshToken },
      user.token,
    );
    expect(res.data?.logout).toBe(true);
    expect(await closed).toBe('io server disconnect');
  });

  it('a client that drops and comes back on the other instance receives what it missed', async () => {
    const { socket, received } = await recoveringSocket(a.url, manager.token, 300);
    try {
      // Let the server send its first packet (with the recovery offset) before the drop.
      const first = await newLead(a, rep);
      await waitFor(() => received.some((n) => n.relatedLeadId === first.id));
      const reconnected = new Promise<void>((resolve) =>
        socket.io.once('reconnect', () => resolve()),
      );
      // The balancer sends the reconnection elsewhere: the manager's next transport goes to B.
      (socket.io as unknown as { uri: string }).uri = b.url;
      socket.io.engine.close();
      const missed = await newLead(a, rep);
      await reconnected;
      await waitFor(() => received.some((n) => n.relatedLeadId === missed.id));
      expect(socket.recovered).toBe(true);
      expect(received.filter((n) => n.relatedLeadId === missed.id)).toHaveLength(1);
    } finally {
      socket.close();
    }
  });

  it('a recovered socket whose session ended meanwhile is refused and gets nothing it missed', async () => {
    const user = await newUser(a, admin, Role.MANAGER);
    const { socket, received } = await recoveringSocket(a.url, user.token, 500);
    try {
      const first = await newLead(a, rep);
      await waitFor(() => received.some((n) => n.relatedLeadId === first.id));
      const refused = new Promise<Error & { data?: unknown }>((resolve) =>
        socket.once('connect_error', resolve),
      );
      socket.io.engine.close();
      const res = await a.gql(
        'mutation($t: String) { logout(refreshToken: $t) }',
        { t: user.refreshToken },
        user.token,
      );
      expect(res.data?.logout).toBe(true);
      const missed = await newLead(a, rep);
      expect((await refused).data).toMatchObject({ reason: 'INVALID_ACCESS_TOKEN' });
      await settle();
      expect(received.filter((n) => n.relatedLeadId === missed.id)).toEqual([]);
      expect(socket.connected).toBe(false);
    } finally {
      socket.close();
    }
  });

  it('a tab that comes back on B signed in as another user gets nothing the first one missed', async () => {
    const first = await newUser(a, admin, Role.MANAGER);
    const second = await newUser(a, stranger, Role.SALES_REP);
    const tab = await droppableSocket(a.url, first.token);
    try {
      const before = await newLead(a, admin, { assignedToId: first.id });
      await waitFor(() => tab.created.some((n) => n.relatedLeadId === before.id));
      await tab.drop();
      const missed = await newLead(a, admin, { assignedToId: first.id });
      const seen = tab.created.length;
      await tab.reconnect({ token: second.token, url: b.url });

      expect(tab.socket.recovered).toBe(false);
      expect(await roomsOf(b, tab.socket.id)).toEqual(
        [tab.socket.id, `company:${companyIdOf(second)}`, `user:${second.id}`].sort(),
      );
      const later = await newLead(a, stranger, { assignedToId: second.id });
      await waitFor(() => tab.created.some((n) => n.relatedLeadId === later.id));
      await settle();
      const since = tab.created.slice(seen).map((n) => [n.type, n.relatedLeadId]);
      expect(since).toEqual([['lead_assigned', later.id]]);
      expect(since.flat()).not.toContain(missed.id);
    } finally {
      tab.close();
    }
  });
});

/** A manager's tab that reconnects on its own, recording its notifications. */
async function recoveringSocket(url: string, token: string, delayMs: number) {
  const socket = io(url, {
    transports: ['websocket'],
    auth: { token },
    reconnectionDelay: delayMs,
    reconnectionDelayMax: delayMs,
    forceNew: true,
  });
  const received: Record<string, any>[] = [];
  socket.on('notification:created', (n: Record<string, any>) => received.push(n));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, received };
}
