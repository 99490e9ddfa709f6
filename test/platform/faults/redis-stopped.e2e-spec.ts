import { Redis } from 'ioredis';
import { Role } from '../../../src/auth/role.enum.js';
import { newCompany, newUser, PASSWORD, type TestUser } from '../../support/factories.js';
import { newLead } from '../../support/lead-factory.js';
import { eventually, startLoad } from '../../support/load.js';
import { startPrivateRedis, type PrivateRedis } from '../../support/private-redis.js';
import { connectSocket, settle, type TestSocket } from '../../support/socket-client.js';
import { startTestApp, type GraphQLResponse, type TestApp } from '../../support/test-app.js';
import { withRedisServer } from '../../support/test-env.js';

const LIST = 'query { leads(first: 5) { id } }';
const STATS = 'query { myDealsStats { open } }';
const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }';

/**
 * One instance on a redis-server of the test's own, which the test kills and starts again (empty)
 * while requests arrive: what operations.md and rate-limiters.ts promise — the API serves on,
 * limits count in the instance's memory, caches miss, readiness says so, sockets on the instance
 * keep receiving — and all goes back to Redis when it returns.
 */
withRedisServer('Redis stopped under load', () => {
  let redis: PrivateRedis;
  let sut: TestApp;
  let admin: TestUser;
  let rep: TestUser;
  let socket: TestSocket | undefined;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    sut = await startTestApp({ REDIS_URL: redis.url, LOGIN_LIMIT_PER_ACCOUNT: '3' });
    admin = await newCompany(sut);
    rep = await newUser(sut, admin, Role.SALES_REP);
    // The adapter's stream reader starts at the stream's end: let it get there.
    await settle(300);
  }, 60_000);
  afterAll(async () => {
    socket?.close();
    await sut?.close();
    await redis?.stop();
  });

  const reasons = (r: GraphQLResponse): string[] =>
    (r.errors ?? []).map((e) => String(e.extensions.reason));
  const ready = async (): Promise<number> => (await fetch(`${sut.url}/health/ready`)).status;
  /** Failed logins of one account until refused: the limit counts somewhere. */
  const failedLoginsUntilRefused = async (email: string): Promise<string[][]> => {
    const answers: string[][] = [];
    for (let i = 0; i < 4; i++)
      answers.push(reasons(await sut.gql(LOGIN, { i: { email, password: `${PASSWORD}!` } })));
    return answers;
  };
  const pushed = async (): Promise<void> => {
    const lead = await newLead(sut, rep);
    expect(
      await socket!.next('notification:created', (n) => n.relatedLeadId === lead.id, 10_000),
    ).toMatchObject({ type: 'lead_created' });
  };

  it('serves on, degrades as documented, keeps its sockets, and goes back to Redis when it returns', async () => {
    socket = await connectSocket(sut.url, admin.token);
    await pushed();
    expect(reasons(await sut.gql(STATS, {}, admin.token))).toEqual([]);

    await redis.stop();
    await eventually('readiness 503', async () => (await ready()) === 503);
    const traffic = startLoad(10, async (n) =>
      reasons(await sut.gql(n % 2 ? LIST : STATS, {}, admin.token)),
    );
    try {
      await traffic.settled(40);
      // Sockets on this instance still get what happens on it.
      await pushed();
      // Limits count in this instance's memory rather than fail or let everything through.
      expect(await failedLoginsUntilRefused(rep.email)).toEqual([
        ['INVALID_CREDENTIALS'],
        ['INVALID_CREDENTIALS'],
        ['INVALID_CREDENTIALS'],
        ['RATE_LIMITED'],
      ]);

      await redis.start();
      await eventually('readiness 200', async () => (await ready()) === 200);
      await traffic.settled(40);
    } finally {
      await traffic.stop();
    }
    // Every request was served: Redis is never a reason to fail one.
    const answers = traffic.outcomes.map((o) => o.value);
    expect(answers).toEqual(answers.map(() => []));

    // Back on Redis: the cache fills it again and the limits count there.
    const client = new Redis(redis.url);
    try {
      expect(reasons(await sut.gql(STATS, {}, admin.token))).toEqual([]);
      await eventually(
        'a cached figure in Redis',
        async () => (await client.keys('crm:cache:*')).length > 0,
      );
      const manager = await newUser(sut, admin, Role.MANAGER);
      await failedLoginsUntilRefused(manager.email);
      expect(await client.keys('rl:login-account-ip*')).not.toEqual([]);
    } finally {
      client.disconnect();
    }
    await pushed();
  }, 60_000);
});
