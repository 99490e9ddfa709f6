import { newCompany, unique, type TestUser } from '../../support/factories.js';
import { eventually, startLoad, type Load } from '../../support/load.js';
import { startPrivatePostgres, type PrivatePostgres } from '../../support/private-postgres.js';
import { startTestApp, type GraphQLResponse, type TestApp } from '../../support/test-app.js';
import { withPostgres15 } from '../../support/test-env.js';

const LIST = 'query { leads(first: 5) { id } }';
const CREATE = 'mutation($i: CreateLeadInput!) { createLead(createLeadInput: $i) { id } }';

/** A request's ending: the reasons of its errors (none when it succeeded). */
type Reasons = string[];

/**
 * A PostgreSQL of the test's own (Debian's 15, as the oldest supported), stopped, started and
 * restarted with pg_ctl while GraphQL reads and writes keep arriving.
 */
withPostgres15('PostgreSQL restarted under load', () => {
  let pg: PrivatePostgres;
  let sut: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    sut = await startTestApp(
      {
        DATABASE_URL: pg.url,
        DB_SKIP_MIGRATIONS: 'false',
        DB_CONNECT_RETRIES: '0',
        // Far longer than the test waits: a request that waited for a connection would show.
        DB_ACQUIRE_TIMEOUT_MS: '120000',
      },
      { name: 'postgres', url: pg.url, drop: async () => undefined },
    );
    admin = await newCompany(sut);
  }, 60_000);
  afterAll(async () => {
    await sut?.close();
    await pg?.destroy();
  });

  const reasons = (r: GraphQLResponse): Reasons =>
    (r.errors ?? []).map((e) => String(e.extensions.reason));
  const ready = async (): Promise<number> => (await fetch(`${sut.url}/health/ready`)).status;

  /** 10 callers, half listing leads, half creating them. */
  const load = (): Load<Reasons> =>
    startLoad(10, async (n) =>
      reasons(
        n % 2
          ? await sut.gql(LIST, {}, admin.token)
          : await sut.gql(
              CREATE,
              { i: { firstName: 'F', lastName: 'L', email: `l-${unique()}@example.com` } },
              admin.token,
            ),
      ),
    );

  /** Every request either succeeded or answered the one clear reason; none threw. */
  const expectOnlyUnavailable = (traffic: Load<Reasons>): void => {
    expect(traffic.outcomes.filter((o) => !o.ok)).toEqual([]);
    const seen = new Set(traffic.outcomes.flatMap((o) => o.value!));
    expect([...seen]).toEqual(['DATABASE_UNAVAILABLE']);
  };

  it('answers DATABASE_UNAVAILABLE at once while it is down, readiness 503, and recovers on its own', async () => {
    const traffic = load();
    try {
      await traffic.nextSuccess();
      await pg.stop();
      await eventually('readiness 503', async () => (await ready()) === 503);
      // Many requests end while it stays down: none waits for the (long) acquire timeout.
      await traffic.settled(40);
      const rest = await fetch(`${sut.url}/api/leads/export.csv`, {
        headers: { authorization: `Bearer ${admin.token}` },
      });
      expect(rest.status).toBe(503);
      expect(await rest.json()).toMatchObject({ reason: 'DATABASE_UNAVAILABLE' });
      expect((await fetch(`${sut.url}/health`)).status).toBe(200);

      await pg.start();
      await eventually('readiness 200', async () => (await ready()) === 200);
      expect(await traffic.nextSuccess()).toEqual([]);
    } finally {
      await traffic.stop();
    }
    expectOnlyUnavailable(traffic);
  });

  it('carries on after pg_ctl restart -m fast ends every pooled session', async () => {
    const traffic = load();
    try {
      await traffic.nextSuccess();
      await pg.restart();
      await traffic.nextSuccess();
      // The pool's sessions were all ended: the next requests must not meet a dead one.
      const from = traffic.outcomes.length + 10;
      await traffic.settled(40);
      expect(traffic.outcomes.slice(from).map((o) => o.value)).toEqual(
        traffic.outcomes.slice(from).map(() => []),
      );
      expect(await ready()).toBe(200);
    } finally {
      await traffic.stop();
    }
    expect(traffic.outcomes.filter((o) => !o.ok)).toEqual([]);
    const seen = new Set(traffic.outcomes.flatMap((o) => o.value!));
    expect([...seen].filter((r) => r !== 'DATABASE_UNAVAILABLE')).toEqual([]);
  });
});
