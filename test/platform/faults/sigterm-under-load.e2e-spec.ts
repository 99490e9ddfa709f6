import pg from 'pg';
import { acknowledgedId, createLeadBody, leadsInDatabase } from '../../support/lead-writes.js';
import { eventually, startLoad } from '../../support/load.js';
import { halfSentPost, postOnNewConnection, type HttpEnding } from '../../support/raw-http.js';
import { startServerProcess, type ServerProcess } from '../../support/server-process.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';
import { signUpOn } from '../../support/sign-up.js';

/**
 * The built server, one process, stopped with SIGTERM while 10 callers create leads and requests
 * are under way: those it had begun it finishes, new ones are refused, it exits 0. (The
 * one-request case and the workers' drain are in test/platform/process.e2e-spec.ts.)
 */
const UPDATE = 'mutation($i: UpdateLeadInput!) { updateLead(updateLeadInput: $i) { id } }';

describe('SIGTERM under a write load', () => {
  let db: TestDatabase;
  let sut: ServerProcess | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    if (sut && sut.child.exitCode === null) sut.child.kill('SIGKILL');
    await db.drop();
  });

  it('finishes what it began, refuses what comes after, and exits 0', async () => {
    sut = await startServerProcess({ DATABASE_URL: db.url });
    const url = sut.url;
    const auth = await signUpOn(url);

    const traffic = startLoad(10, () =>
      postOnNewConnection(`${url}/graphql`, createLeadBody().body, auth),
    );
    let begun: Awaited<ReturnType<typeof halfSentPost>>[] = [];
    // In flight for certain: three updates stuck behind a row lock the test holds, each on a
    // keep-alive connection the server had already answered on.
    const lead = acknowledgedId(
      await postOnNewConnection(`${url}/graphql`, createLeadBody().body, auth),
    );
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await traffic.nextSuccess();
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM leads WHERE id = $1 FOR UPDATE', [lead]);
      begun = await Promise.all(
        [1, 2, 3].map((n) =>
          halfSentPost(
            url,
            '/graphql',
            { query: UPDATE, variables: { i: { id: lead, budget: n } } },
            auth,
          ),
        ),
      );
      for (const b of begun) b.finish();
      await eventually('the three updates waiting on the lock', async () => {
        const { rows } = await holder.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return Number(rows[0].n) === 3;
      });
      sut.child.kill('SIGTERM');
      await sut.waitFor(/SIGTERM received/);
      await holder.query('ROLLBACK');
      const finished = await Promise.all(begun.map((b) => b.response));
      expect(finished.map(updatedId)).toEqual([lead, lead, lead]);
      // Node closes only the connections idle at close: these three were not (see
      // src/common/http/close-on-shutdown.ts), and would have held the drain past its timeout.
      expect(await sut.exit()).toBe(0);
      expect(sut.output()).not.toMatch(/shutdown took longer/);
      // Refused once it is gone: no connection is accepted any more.
      expect(await postOnNewConnection(`${url}/graphql`, createLeadBody().body, auth)).toEqual({
        kind: 'refused',
      });
    } finally {
      await holder.end();
      await traffic.stop();
      for (const b of begun) b.close();
    }

    const endings = traffic.outcomes.map((o) => o.value!);
    // Each caller's request was done, refused (no connection, or 503 while closing), or — for
    // one that met the closing listener mid-connect — cut before an answer; never a failure.
    const kinds = new Set(endings.map(describeEnding));
    expect(
      [...kinds].filter((k) => !['created', 'refused', 'closing', 'broken'].includes(k)),
    ).toEqual([]);
    expect(kinds).toContain('refused');

    const acknowledged = [lead, ...endings.map(acknowledgedId)].filter(
      (id): id is string => id !== undefined,
    );
    const { found, withoutAudit } = await leadsInDatabase(db.url, acknowledged);
    expect(found).toEqual([...acknowledged].sort());
    expect(withoutAudit).toEqual([]);
  });
});

function updatedId(ending: HttpEnding): string | undefined {
  if (ending.kind !== 'answered' || ending.status !== 200) return undefined;
  return (JSON.parse(ending.body) as { data?: { updateLead?: { id: string } } }).data?.updateLead
    ?.id;
}

function describeEnding(ending: HttpEnding): string {
  if (ending.kind !== 'answered') return ending.kind;
  if (acknowledgedId(ending)) return 'created';
  if (ending.status === 503) return 'closing';
  return `${ending.status} ${ending.body.slice(0, 200)}`;
}
