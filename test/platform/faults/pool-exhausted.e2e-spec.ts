import pg from 'pg';
import { newCompany, type TestUser } from '../../support/factories.js';
import { newLead } from '../../support/lead-factory.js';
import { eventually, startLoad } from '../../support/load.js';
import { startTestApp, type GraphQLResponse, type TestApp } from '../../support/test-app.js';

const UPDATE = 'mutation($i: UpdateLeadInput!) { updateLead(updateLeadInput: $i) { id } }';
const LIST = 'query { leads(first: 5) { id } }';

/**
 * Every pooled connection taken by requests stuck behind a row lock that another session holds:
 * the requests behind them wait DB_ACQUIRE_TIMEOUT_MS, then answer DATABASE_BUSY — none hangs —
 * and all is well again once the lock goes.
 */
describe('the pool exhausted under load', () => {
  let sut: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    sut = await startTestApp({
      DB_POOL_MAX: '2',
      DB_ACQUIRE_TIMEOUT_MS: '300',
      // The stuck updates keep their connections for as long as the test holds the lock.
      DB_STATEMENT_TIMEOUT_MS: '60000',
    });
    admin = await newCompany(sut);
  });
  afterAll(() => sut.close());

  const reasons = (r: GraphQLResponse): string[] =>
    (r.errors ?? []).map((e) => String(e.extensions.reason));

  it('makes requests wait, then answer DATABASE_BUSY, and recovers when connections come free', async () => {
    const lead = await newLead(sut, admin);
    const holder = new pg.Client({ connectionString: sut.db.url });
    await holder.connect();
    let locked = true;
    const unlock = async (): Promise<void> => {
      if (!locked) return;
      locked = false;
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    };
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM leads WHERE id = $1 FOR UPDATE', [lead.id]);
    // 12 callers: updates of the locked lead take the pool's two connections and keep them.
    const traffic = startLoad(12, async (n) =>
      reasons(
        n % 3
          ? await sut.gql(LIST, {}, admin.token)
          : await sut.gql(UPDATE, { i: { id: lead.id, budget: n } }, admin.token),
      ),
    );
    try {
      const stuck = async (): Promise<number> => {
        const { rows } = await holder.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return Number(rows[0].n);
      };
      await eventually('both pooled connections stuck', async () => (await stuck()) === 2);
      // Bounded: were any request to hang, fewer would end and this would time out.
      const from = traffic.outcomes.length + 12;
      await traffic.settled(36);
      const busy = traffic.outcomes.slice(from).map((o) => o.value);
      expect(busy).toEqual(busy.map(() => ['DATABASE_BUSY']));
      expect(await stuck()).toBe(2);
      expect(
        traffic.outcomes.filter((o) => o.value?.length && o.value[0] !== 'DATABASE_BUSY'),
      ).toEqual([]);

      // Once the lock goes, the stuck updates finish and nobody waits in vain any more.
      await unlock();
      await traffic.nextSuccess();
      const since = traffic.outcomes.length + 12;
      await traffic.settled(30);
      const after = traffic.outcomes.slice(since).map((o) => o.value);
      expect(after).toEqual(after.map(() => []));
    } finally {
      await unlock();
      await traffic.stop();
    }
    expect(traffic.outcomes.filter((o) => !o.ok)).toEqual([]);
    const budget = await sut.gql<{ lead: { budget: number } }>(
      'query($id: ID!) { lead(id: $id) { budget } }',
      { id: lead.id },
      admin.token,
    );
    expect(budget.errors).toBeUndefined();
  });
});
