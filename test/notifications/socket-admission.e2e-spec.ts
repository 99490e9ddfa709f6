import { Sequelize } from 'sequelize-typescript';
import { Role } from '../../src/auth/role.enum.js';
import { newCompany, newUser } from '../support/factories.js';
import {
  connectSocket,
  openPacket,
  rawUpgrade,
  settle,
  type RawUpgrade,
  type TestSocket,
} from '../support/socket-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Open = Extract<RawUpgrade, { upgraded: true }>;
type Refused = Extract<RawUpgrade, { upgraded: false }>;

const opened = (upgrade: RawUpgrade): Open => {
  if (!upgrade.upgraded) throw new Error(`refused: ${upgrade.status} ${upgrade.body}`);
  return upgrade;
};
const refused = (upgrade: RawUpgrade): Refused & { json: Record<string, unknown> } => {
  if (upgrade.upgraded) throw new Error('upgraded');
  return { ...upgrade, json: JSON.parse(upgrade.body) as Record<string, unknown> };
};

/** Whether the server closes `upgrade` within `ms`. */
const closedWithin = async (upgrade: Open, ms: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([upgrade.closed.then(() => true as const), late]);
  } finally {
    clearTimeout(timer);
  }
};

// Apps of their own: budgets, caps and timeouts small enough to reach, and production mode.
describe('websocket upgrades', () => {
  const raws: Open[] = [];
  const sockets: TestSocket[] = [];
  const raw = async (
    app: TestApp,
    options?: Parameters<typeof rawUpgrade>[1],
  ): Promise<RawUpgrade> => {
    const upgrade = await rawUpgrade(app.url, options);
    if (upgrade.upgraded) raws.push(upgrade);
    return upgrade;
  };
  /** The server hears of a close a moment after the client: tries again until it is let in. */
  const upgradedAgain = async (app: TestApp): Promise<RawUpgrade> => {
    let last = await raw(app);
    for (let i = 0; i < 50 && !last.upgraded; i++) {
      await settle(20);
      last = await raw(app);
    }
    return last;
  };
  afterEach(() => {
    for (const r of raws.splice(0)) r.close();
    for (const s of sockets.splice(0)) s.close();
  });

  describe('the request budget and the connect timeout', () => {
    const CONNECT_TIMEOUT_MS = 200;
    let sut: TestApp;
    beforeAll(async () => {
      sut = await startTestApp({
        RATE_LIMIT_PER_MINUTE: '3',
        SOCKET_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
      });
    });
    afterAll(() => sut.close());

    it('spends a point of the client IP’s budget on every upgrade, bare ones too, and closes those never admitted', async () => {
      const bare = opened(await raw(sut));
      // Never sends its CONNECT: the server closes it, by SOCKET_CONNECT_TIMEOUT_MS. engine.io would
      // close a silent client too, but only pingTimeout after a ping it sent at pingInterval
      // (25 s and 20 s here): a close before pingInterval, with no ping seen, is not engine.io's.
      const { pingInterval } = await openPacket(bare);
      expect(pingInterval).toBeGreaterThan(CONNECT_TIMEOUT_MS * 10);
      expect(await closedWithin(bare, pingInterval)).toBe(true);
      expect(bare.messages.filter((m) => m === '2')).toEqual([]);
      opened(await raw(sut));
      await expect(connectSocket(sut.url, undefined)).rejects.toMatchObject({
        data: { code: 'UNAUTHENTICATED', reason: 'MISSING_ACCESS_TOKEN' },
      });
      const over = refused(await raw(sut));
      expect(over.status).toBe(429);
      expect(Number(over.retryAfter)).toBeGreaterThan(0);
      expect(over.json).toMatchObject({ error: 'RATE_LIMITED', reason: 'RATE_LIMITED' });
      // A socket.io client is refused at the upgrade too: socket.io never reads its CONNECT.
      await expect(connectSocket(sut.url, undefined)).rejects.toMatchObject({
        message: 'websocket error',
      });
    });
  });

  describe('requests naming an engine.io session (sid)', () => {
    let sut: TestApp;
    beforeAll(async () => {
      // Nothing but what the test does closes a connection.
      sut = await startTestApp({ RATE_LIMIT_PER_MINUTE: '4', SOCKET_CONNECT_TIMEOUT_MS: '60000' });
    });
    afterAll(() => sut.close());

    it('are refused at once, after spending a point of the budget as every request does', async () => {
      const bare = opened(await raw(sut));
      const { sid } = await openPacket(bare);
      // engine.io would take it as a transport upgrade of that session, past every check.
      const joining = refused(await raw(sut, { query: { sid } }));
      expect(joining.status).toBe(400);
      expect(joining.json).toMatchObject({
        error: 'BAD_USER_INPUT',
        reason: 'SESSION_ID_NOT_ACCEPTED',
      });
      // Not as an upgrade either: engine.io would leave it unanswered (no polling transport).
      const query = new URLSearchParams({ EIO: '4', transport: 'websocket', sid });
      const plain = await fetch(`${sut.url}/socket.io/?${query.toString()}`);
      expect(plain.status).toBe(400);
      expect(await plain.json()).toMatchObject({ reason: 'SESSION_ID_NOT_ACCEPTED' });
      const foreign = refused(await raw(sut, { headers: { origin: 'https://evil.example' } }));
      expect(foreign.status).toBe(403);
      expect(foreign.json).toMatchObject({ error: 'FORBIDDEN', reason: 'ORIGIN_NOT_ALLOWED' });
      // Four points spent, refused or not.
      const over = refused(await raw(sut, { query: { sid } }));
      expect(over.status).toBe(429);
      expect(over.json).toMatchObject({ reason: 'RATE_LIMITED' });
    });
  });

  describe('connections not admitted yet, per client IP', () => {
    const MAX = 3;
    let sut: TestApp;
    beforeAll(async () => {
      // Long enough that only what a test does closes a connection.
      sut = await startTestApp({
        SOCKET_MAX_PENDING_PER_IP: String(MAX),
        SOCKET_CONNECT_TIMEOUT_MS: '60000',
      });
    });
    afterAll(() => sut.close());

    const fill = async (): Promise<Open[]> => {
      const held: Open[] = [];
      for (let i = 0; i < MAX; i++) held.push(opened(await raw(sut)));
      return held;
    };
    const expectFull = async (): Promise<void> => {
      const over = refused(await raw(sut));
      expect(over.status).toBe(429);
      expect(over.json).toMatchObject({
        error: 'RATE_LIMITED',
        reason: 'TOO_MANY_PENDING_SOCKETS',
      });
    };

    it(`refuses the upgrade beyond ${MAX}; one that closes gives its place back`, async () => {
      const [first] = await fill();
      await expectFull();
      first.close();
      await first.closed;
      expect((await upgradedAgain(sut)).upgraded).toBe(true);
      await expectFull();
    });

    it('a socket admitted is no longer pending', async () => {
      const admin = await newCompany(sut);
      const rep = await newUser(sut, admin, Role.SALES_REP);
      for (let i = 0; i < MAX + 2; i++) sockets.push(await connectSocket(sut.url, rep.token));
      await fill();
      await expectFull();
    });

    it('a refused CONNECT closes its connection, which gives its place back', async () => {
      const held = await fill();
      await expectFull();
      held[0].sendConnect({});
      await held[0].closed;
      expect(held[0].messages.find((m) => m.startsWith('44'))).toMatch(/MISSING_ACCESS_TOKEN/);
      expect((await upgradedAgain(sut)).upgraded).toBe(true);
    });
  });

  describe('in production', () => {
    let sut: TestApp;
    beforeAll(async () => {
      sut = await startTestApp({ NODE_ENV: 'production' });
    });
    afterAll(() => sut.close());

    it('an unexpected failure reaches the client as INTERNAL, never its message', async () => {
      const admin = await newCompany(sut);
      // Not yet seen by the caller cache: its handshake reads the users table.
      const rep = await newUser(sut, admin, Role.SALES_REP);
      await sut.app.get(Sequelize).query('ALTER TABLE users RENAME TO users_elsewhere');
      const error = await connectSocket(sut.url, rep.token).then(
        () => null,
        (e: Error & { data?: unknown }) => e,
      );
      expect(error).toMatchObject({
        message: 'Internal server error',
        data: { code: 'INTERNAL_SERVER_ERROR', reason: 'INTERNAL' },
      });
      expect(JSON.stringify({ message: error?.message, data: error?.data })).not.toMatch(/users/);
    });
  });
});
