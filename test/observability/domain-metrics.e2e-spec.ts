import { connectSocket } from '../support/socket-client.js';
import { expectData, newApiKey, newTeam, type Team, type TestUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The value of one series of a scrape (labels in any order), or undefined when absent. */
function valueOf(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('metrics an operator pages on', () => {
  let sut: TestApp;
  let team: Team<TestUser>;

  beforeAll(async () => {
    // Every statement counts as slow, and the backlog job runs, so both are seen.
    sut = await startTestApp({
      DB_SLOW_STATEMENT_MS: '1',
      NOTIFICATION_GROUP_WINDOW_MS: '200',
      LOGIN_LIMIT_PER_ACCOUNT: '3',
    });
    team = await newTeam(sut);
  });
  afterAll(() => sut.close());

  const scrape = async () => (await fetch(`${sut.url}/metrics`)).text();

  it('counts GraphQL operations by name and type, their errors by code, and the HTTP route', async () => {
    const create =
      'mutation CreateLead($i: CreateLeadInput!) { createLead(createLeadInput: $i) { id } }';
    expectData(
      await sut.gql(
        create,
        { i: { firstName: 'A', lastName: 'B', email: 'a.b@example.com' } },
        team.admin.token,
      ),
    );
    const bad = await sut.gql(
      create,
      { i: { firstName: 'A', lastName: 'B', email: 'nope' } },
      team.admin.token,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await sut.gql('{ leads { id } }', {}, team.admin.token);

    const text = await scrape();
    const op = { operation: 'CreateLead', type: 'mutation' };
    expect(valueOf(text, 'crm_graphql_operation_duration_seconds_count', op)).toBe(2);
    expect(valueOf(text, 'crm_graphql_errors_total', { ...op, code: 'BAD_USER_INPUT' })).toBe(1);
    expect(
      valueOf(text, 'crm_graphql_operation_duration_seconds_count', {
        operation: '(anonymous)',
        type: 'query',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      valueOf(text, 'crm_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/graphql',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(3);
    expect(
      valueOf(text, 'crm_db_statement_duration_seconds_count', { statement: 'INSERT leads' }),
    ).toBeGreaterThanOrEqual(1);
    expect(valueOf(text, 'crm_db_pool_connections', { state: 'in_use' })).toBeGreaterThanOrEqual(0);
    expect(valueOf(text, 'crm_db_pool_connections', { state: 'waiting' })).toBe(0);
    expect(valueOf(text, 'crm_db_pool_acquire_seconds_count')).toBeGreaterThan(0);
    expect(
      valueOf(text, 'crm_cache_lookups_total', { cache: 'callers', outcome: 'hit' }),
    ).toBeGreaterThan(0);
  });

  it('caps operation names a client makes up', async () => {
    for (let i = 0; i < 3; i++)
      await sut.gql(`query Made_Up_${i}_${'x'.repeat(70)} { me { id } }`, {}, team.rep.token);
    const text = await scrape();
    expect(text).not.toMatch(/Made_Up_/);
    expect(
      valueOf(text, 'crm_graphql_operation_duration_seconds_count', {
        operation: 'other',
        type: 'query',
      }),
    ).toBeGreaterThanOrEqual(3);
  });

  it('counts ingestion outcomes and reads the journal, the backlog and the backlog job', async () => {
    const key = await newApiKey(sut, team.admin);
    const post = (body: unknown) =>
      fetch(`${sut.url}/api/lead`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key.secret },
        body: JSON.stringify(body),
      });
    expect((await post({ email: 'form@example.com', first_name: 'F' })).status).toBe(201);
    expect((await post({ first_name: 'no e-mail' })).status).toBe(202);
    expect(
      (
        await fetch(`${sut.url}/api/lead`, {
          method: 'POST',
          body: '{}',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(401);

    let text = await scrape();
    expect(valueOf(text, 'crm_ingestion_submissions_total', { outcome: 'created' })).toBe(1);
    expect(valueOf(text, 'crm_ingestion_submissions_total', { outcome: 'rejected' })).toBe(1);
    expect(valueOf(text, 'crm_ingestion_submissions_total', { outcome: 'unauthorized' })).toBe(1);
    expect(valueOf(text, 'crm_ingestion_journal_waiting', { status: 'QUEUED' })).toBe(0);
    expect(valueOf(text, 'crm_ingestion_journal_waiting', { status: 'RECEIVED' })).toBe(0);
    expect(valueOf(text, 'crm_ingestion_reprocessor_lag_seconds')).toBe(0);
    expect(valueOf(text, 'crm_notification_backlog_size')).toBeGreaterThanOrEqual(0);

    // The ingested lead is announced by the backlog job within its window.
    for (let i = 0; i < 50; i++) {
      text = await scrape();
      if (
        (valueOf(text, 'crm_job_runs_total', { job: 'notification backlog', outcome: 'ok' }) ?? 0) >
        0
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(
      valueOf(text, 'crm_job_runs_total', { job: 'notification backlog', outcome: 'ok' }),
    ).toBeGreaterThan(0);
    expect(
      valueOf(text, 'crm_job_duration_seconds_count', { job: 'notification backlog' }),
    ).toBeGreaterThan(0);
  });

  it('counts refusals by the limiter that refused', async () => {
    const attempt = () =>
      sut.gql('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', {
        i: { email: team.otherRep.email, password: 'wrong password, again' },
      });
    let refused = 0;
    for (let i = 0; i < 5 && refused === 0; i++)
      if ((await attempt()).errors?.[0]?.extensions?.code === 'RATE_LIMITED') refused++;
    expect(refused).toBe(1);
    expect(
      valueOf(await scrape(), 'crm_rate_limit_refusals_total', { limiter: 'login-account-ip' }),
    ).toBe(1);
  });

  it('counts connected sockets and times pushes from the commit', async () => {
    const socket = await connectSocket(sut.url, team.rep.token);
    try {
      expect(valueOf(await scrape(), 'crm_sockets_connected')).toBe(1);
      const lead = expectData(
        await sut.gql<{ createLead: { id: string } }>(
          'mutation($i: CreateLeadInput!) { createLead(createLeadInput: $i) { id } }',
          {
            i: {
              firstName: 'P',
              lastName: 'Q',
              email: 'p.q@example.com',
              assignedToId: team.rep.id,
            },
          },
          team.manager.token,
        ),
      );
      expect(lead.createLead.id).toBeDefined();
      await socket.next('notification:created');
      expect(valueOf(await scrape(), 'crm_push_latency_seconds_count')).toBeGreaterThanOrEqual(1);
    } finally {
      socket.close();
    }
    await waitForValue(() => scrape(), 'crm_sockets_connected', 0);
  });

  async function waitForValue(read: () => Promise<string>, name: string, want: number) {
    for (let i = 0; i < 50; i++) {
      if (valueOf(await read(), name) === want) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(valueOf(await read(), name)).toBe(want);
  }
});
