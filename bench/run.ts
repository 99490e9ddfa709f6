import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DEAL_EXPORT_SELECT } from '../src/deals/deal-csv.js';
import { EXPORT_SELECT } from '../src/leads/lead-csv.js';
import { SortDirection } from '../src/common/graphql/sort-direction.enum.js';
import { LeadOrderField } from '../src/leads/dto/lead-order.input.js';
import { leadKeyset } from '../src/leads/leads.repository.js';
import { activityScoreSql } from '../src/scoring/activity-score.js';
import { argValue, BENCH, openBenchDatabase } from './bench-env.js';
import { BARE_SQL, type BareContext } from './bare-sql.js';
import { countRoundTrips, tallySince } from '../devkit/round-trips.js';
import { statementLabel } from '../src/database/statement-label.js';
import { measureNotifications } from './notifications.js';
import { readProfile, sharesByOwner } from './profile.js';
import { startBenchServer } from './server.js';
import {
  measureApi,
  measureBare,
  type BenchRequest,
  measureOpenLoop,
  median,
  processTreeCpuMs,
  treeRssMb,
  type Figures,
} from './measure.js';

const POOL = 10;
const SEARCH_TERMS = [
  'rodri',
  'lead123456',
  'tanaka',
  '5550123',
  'kowal',
  'lead77777@',
  'dubois',
  'nguyen',
];
const LEAD_COLUMNS = 'id firstName lastName email phone budget location status createdAt';
/** Common words (a sixth of the titles, a note template) and rare ones (a deal's number). */
const DEAL_SEARCH_TERMS = [
  'renewal',
  'garcia',
  'pilot 12',
  '123456',
  'pricing',
  'lopez exp',
  '77777',
  'onboarding',
];
const DEAL_COLUMNS = 'id title value currency stage priority leadScore expectedCloseDate createdAt';
// One per bench run: the counting server (measureRoundTrips) accepts the main server's tokens.
const JWT_SECRET = randomBytes(48).toString('base64');

const startServer = (
  url: string,
  workers: number,
  name = 'server',
  extraEnv: Record<string, string> = {},
) => startBenchServer({ url, workers, pool: POOL, jwtSecret: JWT_SECRET, name, env: extraEnv });

interface Scenario {
  name: string;
  /** Its SQL on both floors (bench/bare-sql.ts), and its route on the bare HTTP server. */
  floor: string;
  /** The API's route: /graphql unless said. */
  path?: string;
  /** The statuses a request answers when all goes well: 200 unless said. */
  ok?: number[];
  /** Request number i. */
  request: (i: number) => BenchRequest;
  /** The statement whose plan is shown, with the index it must use on this data. */
  explain?: { sql: string; params: unknown[]; index: RegExp };
}

const pathOf = (scenario: Scenario): string => scenario.path ?? '/graphql';
const okOf = (scenario: Scenario): number[] => scenario.ok ?? [200];

/** One request of a scenario to `base`; throws when its answer is not one of the expected. */
async function send(
  base: string,
  scenario: Scenario,
  i: number,
  ok = okOf(scenario),
): Promise<void> {
  const { body, headers } = scenario.request(i);
  const res = await fetch(`${base}${pathOf(scenario)}`, { method: 'POST', headers, body });
  const text = await res.text();
  if (!ok.includes(res.status) || text.includes('"errors"'))
    throw new Error(`${scenario.name}: ${res.status} ${text}`);
}

/** What one request of a scenario sends to PostgreSQL, on average over the requests counted. */
interface StatementsPerRequest {
  roundTrips: number;
  /** Parse messages: unnamed ones are planned on every sending; named ones once per connection. */
  unnamedParses: number;
  namedParses: number;
  binds: number;
  executes: number;
  /** Each statement sent (by its label), with how many times per request: `INSERT leads ×1`. */
  statements: string;
}

/**
 * What each scenario's requests send to PostgreSQL: a server of one process whose pool reaches
 * PostgreSQL through a proxy reading the protocol (devkit/round-trips.ts), asked 50 times in a row
 * after 10 warm-up requests (the caller cache is warm and every connection has prepared what it
 * prepares, as under load). Counted apart from the load runs: the proxy would take CPU from them.
 */
async function measureStatements(
  url: string,
  scenarios: Scenario[],
): Promise<Map<string, StatementsPerRequest>> {
  const target = new URL(url);
  const counter = await countRoundTrips({
    host: target.hostname,
    port: Number(target.port || 5432),
  });
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(counter.port);
  const server = await startServer(proxied.toString(), 1, 'counting');
  const REQUESTS = 50;
  try {
    const perRequest = new Map<string, StatementsPerRequest>();
    let i = 50_000_000; // past any index the load runs used: emails stay unique
    for (const scenario of scenarios) {
      for (let n = 0; n < 10; n++) await send(server.base, scenario, i++);
      const before = counter.tally();
      for (let n = 0; n < REQUESTS; n++) await send(server.base, scenario, i++);
      const sent = tallySince(before, counter.tally());
      const labels = new Map<string, number>();
      for (const text of [...sent.bound, ...sent.simpleQueries]) {
        const label = statementLabel(text);
        labels.set(label, (labels.get(label) ?? 0) + 1);
      }
      perRequest.set(scenario.name, {
        roundTrips: sent.roundTrips / REQUESTS,
        unnamedParses: sent.unnamedParses.length / REQUESTS,
        namedParses: sent.namedParses.length / REQUESTS,
        binds: sent.bound.length / REQUESTS,
        executes: sent.executes / REQUESTS,
        statements: [...labels]
          .map(([label, n]) => `${label} ×${fmt(n / REQUESTS, 2).replace(/\.?0+$/, '')}`)
          .join(', '),
      });
    }
    return perRequest;
  } finally {
    server.child.kill('SIGTERM');
    await counter.close();
  }
}

/**
 * Where a scenario's server CPU goes, by package (bench/profile.ts): a server of one process
 * under V8's sampling profiler (`--cpu-prof`), loaded for `seconds`, less a server started and
 * stopped under the same flags (its boot and shutdown), per request answered.
 */
async function profileScenarios(
  url: string,
  scenarios: Scenario[],
  seconds: number,
  connections: number,
): Promise<string[]> {
  const profiled = async (
    scenario?: Scenario,
  ): Promise<{ ms: Map<string, number>; answered: number }> => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-profile-'));
    const server = await startBenchServer({
      url,
      workers: 1,
      pool: POOL,
      jwtSecret: JWT_SECRET,
      name: 'profiled',
      nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir],
    });
    let answered = 0;
    try {
      if (scenario) {
        let i = 60_000_000; // past any index the other runs used
        const requests: autocannon.Request[] = [
          { method: 'POST', setupRequest: (req) => ({ ...req, ...scenario.request(i++) }) },
        ];
        const target = `${server.base}${pathOf(scenario)}`;
        // Profiled too (the profile spans the process's life): counted with the rest.
        const warm = await measureApi(
          { url: target, connections, duration: 2, requests },
          undefined,
          okOf(scenario),
        );
        answered += Math.round(warm.rps * 2);
        const loaded = await measureApi(
          { url: target, connections, duration: seconds, requests },
          undefined,
          okOf(scenario),
        );
        answered += Math.round(loaded.rps * seconds);
      }
    } finally {
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      server.child.kill('SIGTERM');
      await exited;
    }
    const { shares } = sharesByOwner(readProfile(dir));
    rmSync(dir, { recursive: true, force: true });
    return { ms: new Map(shares.map((s) => [s.owner, s.ms])), answered };
  };
  const boot = await profiled();
  const lines: string[] = [];
  for (const scenario of scenarios) {
    const { ms, answered } = await profiled(scenario);
    const net = [...ms]
      .map(([owner, v]) => ({ owner, ms: Math.max(0, v - (boot.ms.get(owner) ?? 0)) }))
      .sort((a, b) => b.ms - a.ms);
    const total = net.reduce((sum, x) => sum + x.ms, 0);
    const top = net.slice(0, 16);
    const rest = total - top.reduce((sum, x) => sum + x.ms, 0);
    lines.push(
      `\n### Server CPU of ${scenario.name}, by owner (${fmt(total / answered, 2)} ms per request, ${fmt(answered)} requests)\n\n| owner | ms per request | share |\n|---|--:|--:|`,
      ...[...top, { owner: 'the rest', ms: rest }].map(
        (x) => `| ${x.owner} | ${fmt(x.ms / answered, 3)} | ${fmt((100 * x.ms) / total, 1)} % |`,
      ),
    );
  }
  return lines;
}

/** The bare node:http + pg server (bench/bare-server.ts), one process with a pool of POOL. */
async function startBareServer(
  url: string,
  context: BareContext,
): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['dist/bench/bare-server.js'], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: url,
      POOL: String(POOL),
      BARE_CONTEXT: JSON.stringify(context),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /bare server ready on (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

async function gql(base: string, token: string, body: object): Promise<unknown> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { data?: unknown; errors?: unknown[] };
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return json.data;
}

/** The largest resident set among the server and its workers (one of them serves the export). */
const serverRssMb = (pid: number): number => Math.max(0, ...treeRssMb(pid));

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** What an export streams: its path, and the SELECT its bare COPY floor runs. */
interface ExportOf {
  name: string;
  path: string;
  select: string;
}

/** Export: the whole company, streamed, against the same SELECT through a bare COPY. */
async function measureExport(
  server: { child: ChildProcess; base: string },
  bare: pg.Pool,
  token: string,
  what: ExportOf,
): Promise<string> {
  const copyRows = async (): Promise<number> => {
    const client = await bare.connect();
    let rows = -1; // the header
    try {
      const copy = client.query(
        copyTo(`COPY (${what.select}) TO STDOUT WITH (FORMAT csv, HEADER true)`),
      );
      for await (const chunk of copy as AsyncIterable<Buffer>)
        for (const byte of chunk) if (byte === 10) rows++;
    } finally {
      client.release();
    }
    return rows;
  };
  // Unmeasured: both then read a warm cache, not whichever went first a cold one.
  await copyRows();
  const startRss = serverRssMb(server.child.pid!);
  let peakRss = startRss;
  const sampler = setInterval(
    () => (peakRss = Math.max(peakRss, serverRssMb(server.child.pid!))),
    100,
  );
  const exportStarted = performance.now();
  const res = await fetch(`${server.base}${what.path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`${what.path}: ${res.status} ${await res.text()}`);
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
    for (const byte of chunk) if (byte === 10) lines++;
  clearInterval(sampler);
  const apiSeconds = (performance.now() - exportStarted) / 1000;
  const bareStarted = performance.now();
  const bareRows = await copyRows();
  const bareSeconds = (performance.now() - bareStarted) / 1000;
  const apiRate = (lines - 1) / apiSeconds;
  const bareRate = bareRows / bareSeconds;

  return `${what.name}: ${fmt(lines - 1)} rows in ${fmt(apiSeconds, 1)} s = ${fmt(apiRate)} rows/s (RSS of a server process ${fmt(startRss)} MB before, ${fmt(peakRss)} MB at peak); bare pg COPY of the same SELECT: ${fmt(bareRate)} rows/s (API ${fmt((100 * apiRate) / bareRate)} %)`;
}

/** Sequential calls, one client: the latency of one request, p50 and p99 over `n`. */
async function timeSequential(
  n: number,
  call: () => Promise<unknown>,
  before?: () => Promise<unknown>,
) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    await before?.();
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return `${fmt(at(0.5), 2)} / ${fmt(at(0.99), 2)}`;
}

/**
 * The deals statistics at one client, uncached (the company's deals version bumped before each
 * call, as a deal write would) and cached, beside the same SQL on the bare pool; and
 * bulkUpdateDeals of 1 000 deals (the bench's own target deals, their priority flipped).
 */
async function measureDeals(
  base: string,
  bare: pg.Pool,
  tokens: { admin: string; rep: string; repId: string },
  companyId: string,
  targets: string[],
): Promise<string> {
  const bump = () =>
    bare.query('UPDATE deal_stats_versions SET version = version + 1 WHERE company_id = $1', [
      companyId,
    ]);
  // A company whose deals were generated has no version row yet: the first write makes it.
  await bare.query(
    'INSERT INTO deal_stats_versions (company_id) VALUES ($1) ON CONFLICT DO NOTHING',
    [companyId],
  );
  const pipeline = () =>
    gql(base, tokens.admin, {
      query:
        '{ pipelineStats { stage count totalValue avgLeadScore otherCurrencies { currency totalValue } } }',
    });
  const mine = () =>
    gql(base, tokens.rep, {
      query: '{ myDealsStats { open won lost totalValue wonValue winRate } }',
    });
  const live = 'company_id = $1 AND deleted_at IS NULL';
  const barePipeline = () =>
    bare.query(
      `SELECT stage, currency, count(*)::int, coalesce(sum(value), 0.00)::text, sum(lead_score)::int FROM deals WHERE ${live} GROUP BY stage, currency`,
      [companyId],
    );
  const bareMine = () =>
    bare.query(
      `SELECT currency, count(*) FILTER (WHERE stage NOT IN ('CLOSED_WON', 'CLOSED_LOST')), count(*) FILTER (WHERE stage = 'CLOSED_WON'),
         count(*) FILTER (WHERE stage = 'CLOSED_LOST'), coalesce(sum(value), 0.00)::text,
         coalesce(sum(value) FILTER (WHERE stage = 'CLOSED_WON'), 0.00)::text
       FROM deals WHERE ${live} AND assigned_to_id = $2 GROUP BY currency`,
      [companyId, tokens.repId],
    );
  await pipeline();
  await mine();
  const rows: string[] = [];
  // What any request costs here (auth, GraphQL, HTTP through fetch): the floor of the cached figures.
  const me = () => gql(base, tokens.admin, { query: '{ me { id } }' });
  await timeSequential(50, me);
  rows.push(`| { me { id } } (per-request floor) | ${await timeSequential(500, me)} | — |`);
  rows.push(
    `| pipelineStats, uncached | ${await timeSequential(20, pipeline, bump)} | ${await timeSequential(20, barePipeline)} |`,
  );
  await pipeline();
  rows.push(`| pipelineStats, cached | ${await timeSequential(500, pipeline)} | — |`);
  rows.push(
    `| myDealsStats (one rep's deals), uncached | ${await timeSequential(20, mine, bump)} | ${await timeSequential(20, bareMine)} |`,
  );
  await mine();
  rows.push(`| myDealsStats, cached | ${await timeSequential(500, mine)} | — |`);
  let flip = 0;
  const bulk = () =>
    gql(base, tokens.admin, {
      query:
        'mutation($ids: [ID!]!, $p: DealPriority!) { bulkUpdateDeals(ids: $ids, input: { priority: $p }) { count } }',
      variables: { ids: targets, p: flip++ % 2 === 0 ? 'HIGH' : 'LOW' },
    });
  await bulk();
  rows.push(
    `| bulkUpdateDeals, 1 000 deals (one statement, audited) | ${await timeSequential(10, bulk)} | — |`,
  );
  // Their audit rows would pile up run after run.
  await bare.query(
    "DELETE FROM audit_logs WHERE action LIKE 'deal.%' AND entity_id = ANY($1::uuid[])",
    [targets],
  );
  const { rows: plan } = await bare.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE) SELECT stage, currency, count(*)::int, coalesce(sum(value), 0.00)::text, sum(lead_score)::int FROM deals WHERE ${live} GROUP BY stage, currency`,
    [companyId],
  );
  const text = plan.map((r) => r['QUERY PLAN']).join('\n');
  const index = /(?:using|on) (deals_\w+)/.exec(text)?.[1] ?? 'a sequential scan';
  return `| deals, one client | API p50 / p99 ms | bare pg p50 / p99 ms |\n|---|--:|--:|\n${rows.join('\n')}\n\nbare pg column: the same figures aggregated from the deals themselves, what deal_totals saves (its plan: ${index}, ${/Execution Time: ([\d.]+) ms/.exec(text)?.[1]} ms)`;
}

/**
 * recalculateAllScores over the whole company, against the floor: one hand-written UPDATE … FROM
 * (the same formula, aggregated per lead) over the same data. Peak RSS shows the batches keep the
 * server's memory flat.
 */
async function measureRecalculation(
  server: { child: ChildProcess; base: string },
  bare: pg.Pool,
  token: string,
  companyId: string,
): Promise<string> {
  let peakRss = serverRssMb(server.child.pid!);
  const startRss = peakRss;
  const sampler = setInterval(
    () => (peakRss = Math.max(peakRss, serverRssMb(server.child.pid!))),
    100,
  );
  const apiStarted = performance.now();
  const { recalculateAllScores } = (await gql(server.base, token, {
    query: 'mutation { recalculateAllScores { count } }',
  })) as { recalculateAllScores: { count: number } };
  const apiSeconds = (performance.now() - apiStarted) / 1000;
  clearInterval(sampler);
  const floorStarted = performance.now();
  const floor = await bare.query(
    `UPDATE lead_scores t SET activity_score = s.score, calculated_at = now()
     FROM (SELECT o.lead_id, ${activityScoreSql('i', 'now()')} AS score
           FROM lead_scores o LEFT JOIN interactions i ON i.lead_id = o.lead_id AND i.company_id = $1
           WHERE o.company_id = $1 GROUP BY o.lead_id) s
     WHERE t.company_id = $1 AND t.lead_id = s.lead_id`,
    [companyId],
  );
  const floorSeconds = (performance.now() - floorStarted) / 1000;
  return `recalculateAllScores: ${fmt(recalculateAllScores.count)} leads in ${fmt(apiSeconds, 1)} s (server RSS ${fmt(startRss)} → peak ${fmt(peakRss)} MB); floor, one UPDATE … FROM (aggregate) of ${fmt(floor.rowCount ?? 0)} leads: ${fmt(floorSeconds, 1)} s (API ${fmt(apiSeconds / floorSeconds, 2)}× the floor)`;
}

/** Two more instances of one process each, on the same database and Redis, for the sockets. */
async function notificationsBench(url: string, bare: pg.Pool): Promise<string> {
  if (!process.env.REDIS_URL) return 'notifications: skipped (two instances need REDIS_URL)';
  const env = { LOGIN_LIMIT_PER_IP: '100000', LOGIN_LIMIT_PER_ACCOUNT: '100000' };
  const servers = await Promise.all([
    startServer(url, 1, 'sockets-a', env),
    startServer(url, 1, 'sockets-b', env),
  ]);
  try {
    return await measureNotifications(
      bare,
      [servers[0], servers[1]],
      argValue('socket-seconds', 30),
    );
  } finally {
    for (const { child } of servers) child.kill('SIGTERM');
  }
}

/**
 * `pnpm bench [--duration 10] [--connections 50] [--rounds 3] [--workers n] [--only word]`: each
 * scenario against the built server (autocannon) and the same SQL on a bare pg pool of the same
 * size, in one run. Needs `pnpm bench:data` first. The server runs one worker per core when
 * REDIS_URL is set (as WEB_CONCURRENCY would in production), one process otherwise.
 */
async function main(): Promise<void> {
  const duration = argValue('duration', 10);
  const connections = argValue('connections', 50);
  const rounds = Math.max(1, argValue('rounds', 3));
  // `--only search`: the scenarios whose name contains the word (export runs only without it).
  const only = process.argv.includes('--only')
    ? process.argv[process.argv.indexOf('--only') + 1]
    : '';
  const workers = argValue('workers', process.env.REDIS_URL ? availableParallelism() : 1);
  if (workers < 1 || workers > POOL) throw new Error(`--workers must be between 1 and ${POOL}`);
  if (workers > 1 && !process.env.REDIS_URL)
    throw new Error('--workers above 1 needs REDIS_URL (the workers share rate limits and caches)');
  const db = await openBenchDatabase();
  const bare = new pg.Pool({ connectionString: db.url, max: POOL });
  const server = await startServer(db.url, workers);
  let stopBare = (): void => undefined;
  try {
    // Leads the createLead scenario made last time would sit on top of every list: remove them.
    // VACUUM too: the deleted rows would otherwise sit, dead, at the newest end of every index.
    // The journal rows of ingested ones go with them (their foreign key cascades); the others
    // (the storm's, one per request) are removed here.
    const cleanUp = async () => {
      await bare.query("DELETE FROM leads WHERE email LIKE '%@bench.test'");
      await bare.query("DELETE FROM leads_raw WHERE request_id LIKE 'bench-%'");
      await bare.query("DELETE FROM deals WHERE title LIKE 'Bench target %'");
      await bare.query('VACUUM ANALYZE leads, leads_raw, leads_idempotency, deals');
    };
    await cleanUp();
    const {
      rows: [bench],
    } = await bare.query<{ company_id: string; n: number }>(
      `SELECT u.company_id, (SELECT count(*)::int FROM leads l WHERE l.company_id = u.company_id AND deleted_at IS NULL) AS n
       FROM users u WHERE lower(u.email) = $1`,
      [BENCH.email],
    );
    if (!bench)
      throw new Error(
        'No bench data: run `pnpm bench:data --leads 1000000 --interactions 5000000` first',
      );
    const companyId = bench.company_id;
    const login = await fetch(`${server.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }',
        variables: { i: { email: BENCH.email, password: BENCH.password } },
      }),
    });
    const token = ((await login.json()) as { data: { login: { accessToken: string } } }).data.login
      .accessToken;
    const graphql =
      (build: (i: number) => { query: string; variables?: Record<string, unknown> }) =>
      (i: number): BenchRequest => ({
        body: JSON.stringify(build(i)),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      });
    const { createApiKey: ingestKey } = (await gql(server.base, token, {
      query:
        'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { apiKey { id } secret } }',
      variables: { i: { name: `bench ${new Date().toISOString()}`, scopes: ['INGEST'] } },
    })) as { createApiKey: { apiKey: { id: string }; secret: string } };

    // The cursor of the page at depth: page 20 000 of 50 when there are a million leads.
    const depth = Math.max(0, Math.min(bench.n - 51, 999_950));
    const {
      rows: [deep],
    } = await bare.query<{ created_at: Date; id: string }>(
      'SELECT created_at, id FROM leads WHERE company_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 1',
      [companyId, depth],
    );
    const deepCursor = leadKeyset(LeadOrderField.CREATED_AT, SortDirection.DESC).encode([
      deep.created_at.toISOString(),
      deep.id,
    ]);
    const page = 'SELECT * FROM leads WHERE company_id = $1 AND deleted_at IS NULL';
    const search = 'search_text LIKE lower($2)';
    const run = randomBytes(3).toString('hex');
    // Leads the write scenarios change (removed with the others by cleanUp, their interactions
    // with them), so that the generated data stays as it was. Created "long ago": at the top of
    // the newest-first lists they would replace the pages the read scenarios measure.
    const { rows: targets } = await bare.query<{ id: string }>(
      `INSERT INTO leads (company_id, first_name, last_name, email, created_at, updated_at)
       SELECT $1, 'Bench', 'Target', 'target-' || $2 || '-' || g || '@bench.test',
         now() - interval '20 years', now() - interval '20 years'
       FROM generate_series(1, 1000) g
       RETURNING id`,
      [companyId, run],
    );
    const {
      rows: [admin],
    } = await bare.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = $1', [
      BENCH.email,
    ]);
    const target = (i: number): string => targets[i % targets.length].id;
    // The deals bulkUpdateDeals flips, made as the leads above are (removed by cleanUp).
    const { rows: dealTargets } = await bare.query<{ id: string }>(
      `INSERT INTO deals (company_id, title, currency, lead_score, created_at, updated_at)
       SELECT $1, 'Bench target ' || $2 || ' ' || g, 'USD', 15, now() - interval '20 years', now() - interval '20 years'
       FROM generate_series(1, 1000) g
       RETURNING id`,
      [companyId, run],
    );
    const dealTarget = (i: number): string => dealTargets[i % dealTargets.length].id;
    const repLogin = (
      (await (
        await fetch(`${server.base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: 'mutation($i: LoginInput!) { login(input: $i) { accessToken user { id } } }',
            variables: { i: { email: 'bench.rep1@example.com', password: BENCH.password } },
          }),
        })
      ).json()) as { data: { login: { accessToken: string; user: { id: string } } } }
    ).data;
    /** A lead-capture form's POST, as the sender of the seeds sends it. */
    const submission = (key: string, i: number): BenchRequest => ({
      body: JSON.stringify({
        firstName: 'Bench',
        lastName: 'Ingest',
        email: `${key}@bench.test`,
        phone: '+1 555 0100',
        country: 'US',
        lang: 'en',
        click_id: `click-${i}`,
        offer: 'bench-offer',
        sourcetype: 'landing',
      }),
      headers: {
        'content-type': 'application/json',
        'x-api-key': ingestKey.secret,
        'idempotency-key': key,
        'x-request-id': `bench-${run}-${i}`,
      },
    });

    const bareContext: BareContext = {
      companyId,
      adminId: admin.id,
      apiKeyId: ingestKey.apiKey.id,
      deep: { createdAt: deep.created_at.toISOString(), id: deep.id },
    };
    const bareHttp = await startBareServer(db.url, bareContext);
    // The in-process floor's requests: numbered past any the API runs reach, so emails stay unique.
    let floorRequest = 100_000_000;
    stopBare = () => bareHttp.child.kill('SIGTERM');

    const scenarios: Scenario[] = [
      {
        name: '{ me { id } } (per-request overhead)',
        floor: 'me',
        request: graphql(() => ({ query: '{ me { id } }' })),
      },
      {
        name: 'first page (50)',
        floor: 'first-page',
        request: graphql(() => ({ query: `{ leads(first: 50) { ${LEAD_COLUMNS} } }` })),
        explain: {
          sql: `${page} ORDER BY created_at DESC, id DESC LIMIT 51`,
          params: [companyId],
          index: /leads_(all_)?by_created/,
        },
      },
      {
        name: `page at depth (row ${depth.toLocaleString('en-US')}, cursor)`,
        floor: 'depth',
        request: graphql(() => ({
          query: `query($a: String) { leads(first: 50, after: $a) { ${LEAD_COLUMNS} } }`,
          variables: { a: deepCursor },
        })),
        explain: {
          sql: `${page} AND (created_at, id) < ($2::timestamptz, $3::uuid) ORDER BY created_at DESC, id DESC LIMIT 51`,
          params: [companyId, deep.created_at, deep.id],
          index: /leads_(all_)?by_created/,
        },
      },
      {
        name: 'filtered + sorted (status, budget ≥, by budget)',
        floor: 'filtered',
        request: graphql(() => ({
          query: `{ leads(first: 50, filter: { status: [QUALIFIED, CONTACTED], budgetMin: 100000 }, orderBy: { field: BUDGET, direction: DESC }) { ${LEAD_COLUMNS} } }`,
        })),
        explain: {
          sql: `${page} AND status = ANY($2::text[]) AND budget >= 100000 ORDER BY coalesce(budget, -1) DESC, id DESC LIMIT 51`,
          params: [companyId, ['QUALIFIED', 'CONTACTED']],
          index: /leads_by_budget/,
        },
      },
      {
        name: 'search (name/email/phone part)',
        floor: 'search',
        request: graphql((i) => ({
          query: `query($s: String) { leads(first: 50, filter: { search: $s }) { ${LEAD_COLUMNS} } }`,
          variables: { s: SEARCH_TERMS[i % SEARCH_TERMS.length] },
        })),
        explain: {
          sql: `WITH found AS MATERIALIZED (SELECT id, created_at AS k FROM leads WHERE company_id = $1 AND deleted_at IS NULL AND ${search}) SELECT * FROM found ORDER BY k DESC, id DESC LIMIT 51`,
          params: [companyId, '%lead123456%'],
          index: /leads_search_trgm/,
        },
      },
      {
        name: 'deals: filtered + sorted (stage, value ≥, by value)',
        floor: 'deals-filtered',
        request: graphql(() => ({
          query: `{ deals(first: 50, filter: { stage: [QUALIFIED, NEGOTIATION], valueMin: "50000" }, orderBy: { field: VALUE, direction: DESC }) { ${DEAL_COLUMNS} } }`,
        })),
        explain: {
          sql: `SELECT * FROM deals WHERE company_id = $1 AND deleted_at IS NULL AND stage = ANY($2::text[]) AND coalesce(value, -1) >= 50000 ORDER BY coalesce(value, -1) DESC, id DESC LIMIT 51`,
          params: [companyId, ['QUALIFIED', 'NEGOTIATION']],
          index: /deals_by_value/,
        },
      },
      {
        name: 'deals: full-text search (title + notes)',
        floor: 'deals-search',
        request: graphql((i) => ({
          query: `query($s: String) { deals(first: 50, filter: { search: $s }) { ${DEAL_COLUMNS} } }`,
          variables: { s: DEAL_SEARCH_TERMS[i % DEAL_SEARCH_TERMS.length] },
        })),
        explain: {
          sql: `SELECT id FROM deals WHERE company_id = $1 AND deleted_at IS NULL AND search_vector @@ to_tsquery('simple', '''123456'':*')`,
          params: [companyId],
          index: /deals_search/,
        },
      },
      {
        name: '50 leads with interactions nested',
        floor: 'nested',
        request: graphql(() => ({
          query: `{ leads(first: 50) { ${LEAD_COLUMNS} interactions { id type date notes } } }`,
        })),
      },
      {
        name: 'createLead',
        floor: 'createLead',
        request: graphql((i) => ({
          query: 'mutation($i: CreateLeadInput!) { createLead(createLeadInput: $i) { id } }',
          variables: {
            i: {
              firstName: 'Bench',
              lastName: 'Create',
              email: `api-${run}-${i}@bench.test`,
              budget: 1000,
            },
          },
        })),
      },
      {
        name: 'createInteraction',
        floor: 'createInteraction',
        request: graphql((i) => ({
          query:
            'mutation($i: CreateInteractionInput!) { createInteraction(createInteractionInput: $i) { id } }',
          variables: {
            i: {
              leadId: target(i),
              type: 'CALL',
              date: new Date().toISOString(),
              notes: 'Called.',
            },
          },
        })),
      },
      {
        name: 'updateLead',
        floor: 'updateLead',
        request: graphql((i) => ({
          query: 'mutation($i: UpdateLeadInput!) { updateLead(updateLeadInput: $i) { id } }',
          variables: { i: { id: target(i), location: `Bench ${i}` } },
        })),
      },
      {
        name: 'updateDeal',
        floor: 'updateDeal',
        request: graphql((i) => ({
          query: 'mutation($i: UpdateDealInput!) { updateDeal(updateDealInput: $i) { id } }',
          // A value no earlier request set: an update that changes nothing writes nothing.
          variables: { i: { id: dealTarget(i), value: String(1000 + i) } },
        })),
      },
      {
        name: 'addComment',
        floor: 'addComment',
        request: graphql((i) => ({
          query: 'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }',
          variables: { i: { leadId: target(i), body: `Called back (${i}).` } },
        })),
      },
      {
        name: 'POST /api/lead, unique keys',
        floor: 'ingest',
        path: '/api/lead',
        ok: [201],
        request: (i) => submission(`ingest-${run}-${i}`, i),
      },
      {
        // One key and body from every client: the first request made the lead, the rest are resends.
        name: 'POST /api/lead, one key storm',
        floor: 'ingest-storm',
        path: '/api/lead',
        ok: [409],
        request: () => submission(`storm-${run}`, -1),
      },
    ];

    // The plans on this data: each list must be served by the index meant for it.
    const plans: string[] = [];
    for (const scenario of scenarios.filter((x) => x.explain)) {
      const { sql, params, index } = scenario.explain!;
      const { rows } = await bare.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE) ${sql}`,
        params,
      );
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      const used = [
        ...new Set(
          [...plan.matchAll(/(?:using|on) (leads_\w+|interactions_\w+|deals_\w+)/g)].map(
            (m) => m[1],
          ),
        ),
      ].join(', ');
      const time = /Execution Time: ([\d.]+) ms/.exec(plan)?.[1];
      if (!index.test(plan))
        throw new Error(`${scenario.name}: expected ${index} in the plan:\n${plan}`);
      plans.push(`| ${scenario.name} | ${used} | ${time} ms |`);
    }

    const results: {
      name: string;
      api: Figures;
      http: Figures;
      bare: Figures;
      single: Figures;
      half: Figures;
    }[] = [];
    for (const scenario of scenarios.filter((x) => x.name.includes(only))) {
      // Fails loudly if the request is wrong (and makes the lead the storm's resends answer with).
      await send(server.base, scenario, 0, [...okOf(scenario), 201]);
      let i = 1;
      const requests: autocannon.Request[] = [
        {
          method: 'POST',
          setupRequest: (req) => ({ ...req, ...scenario.request(i++) }),
        },
      ];
      const url = `${server.base}${pathOf(scenario)}`;
      const ok = okOf(scenario);
      // Both servers run the scenario for a while first, unmeasured: the first seconds of a code
      // path are spent compiling it, and would count against whichever scenario came first.
      const warmUp = Math.max(1, Math.ceil(duration / 4));
      await measureApi({ url, connections, duration: warmUp, requests });
      await measureApi({
        url: `${bareHttp.base}/${scenario.floor}`,
        connections,
        duration: warmUp,
        requests,
      });
      // API and bare pg take turns, `rounds` times: this VM's speed drifts by tens of percent from
      // minute to minute, and the ratio should compare the two under the same conditions.
      const apiRuns: Figures[] = [];
      const bareRuns: Figures[] = [];
      const httpRuns: Figures[] = [];
      for (let round = 0; round < rounds; round++) {
        apiRuns.push(
          await measureApi(
            { url, connections, duration, requests },
            () => processTreeCpuMs(server.child.pid!),
            ok,
          ),
        );
        httpRuns.push(
          await measureApi(
            { url: `${bareHttp.base}/${scenario.floor}`, connections, duration, requests },
            () => processTreeCpuMs(bareHttp.child.pid!),
            ok,
          ),
        );
        bareRuns.push(
          await measureBare(
            () => BARE_SQL[scenario.floor](bare, bareContext, scenario.request(floorRequest++)),
            connections,
            duration,
          ),
        );
      }
      const api = median(apiRuns);
      const bareFigures = median(bareRuns);
      // One client at a time: the service time, without the queueing that 50 clients add.
      const single = await measureApi(
        { url, connections: 1, duration: Math.max(3, Math.ceil(duration / 2)), requests },
        undefined,
        ok,
      );
      // The same clients offering half the load the server just sustained, at a steady pace: the
      // wait a user sees on a busy server that is not overloaded.
      const half = await measureOpenLoop({
        url,
        request: () => scenario.request(i++),
        ok,
        rate: Math.max(1, api.rps / 2),
        connections,
        seconds: duration,
      });
      results.push({
        name: scenario.name,
        api,
        http: median(httpRuns),
        bare: bareFigures,
        single,
        half,
      });
      console.error(`done: ${scenario.name}`);
    }

    const sent = await measureStatements(
      db.url,
      scenarios.filter((x) => x.name.includes(only)),
    );

    const dealsLine =
      !only || only === 'deals'
        ? await measureDeals(
            server.base,
            bare,
            {
              admin: token,
              rep: repLogin.login.accessToken,
              repId: repLogin.login.user.id,
            },
            companyId,
            dealTargets.map((d) => d.id),
          )
        : '';
    // The createLead rounds added leads: export the company as it was.
    await cleanUp();
    // The company's id came from the database: a UUID, safe to write in.
    const live = `company_id = '${companyId}' AND deleted_at IS NULL ORDER BY created_at DESC, id DESC`;
    const exportLines =
      only && only !== 'deals'
        ? []
        : [
            await measureExport(server, bare, token, {
              name: 'leads export.csv',
              path: '/api/leads/export.csv',
              select: `SELECT ${EXPORT_SELECT} FROM leads WHERE ${live}`,
            }),
            await measureExport(server, bare, token, {
              name: 'deals export.csv',
              path: '/api/deals/export.csv',
              select: `SELECT ${DEAL_EXPORT_SELECT} FROM deals WHERE ${live}`,
            }),
          ];
    const scoresLine =
      !only || only === 'scores' ? await measureRecalculation(server, bare, token, companyId) : '';
    const notificationsLine =
      !only || only === 'notifications' ? await notificationsBench(db.url, bare) : '';
    // The profiles last: the profiler's own cost would weigh on any figure measured beside it.
    const profileLines = process.argv.includes('--profile')
      ? await profileScenarios(
          db.url,
          scenarios.filter((x) => x.name.includes(only)),
          duration,
          connections,
        )
      : [];

    console.log(
      `\n## pnpm bench — ${bench.n.toLocaleString('en-US')} leads, ${connections} connections, ${duration} s per run, API and bare pg alternating ${rounds}× (medians), pool ${POOL}, server ${workers} × ${Math.max(1, Math.floor(POOL / workers))} connections${workers > 1 ? ` (WEB_CONCURRENCY=${workers})` : ''}, Node ${process.versions.node}\n`,
    );
    console.log(
      `| scenario | API req/s | API p50 / p99 ms | API CPU ms/req | API PostgreSQL CPU ms/req | SQL round trips/req | Parse unnamed / named, Bind, Execute per req | bare HTTP req/s | bare HTTP p50 / p99 ms | bare HTTP CPU ms/req | bare HTTP PostgreSQL CPU ms/req | API / bare HTTP | bare pg req/s | API / bare pg | 1 client p50 / p99 ms | ${connections} clients at ½ load: req/s, p50 / p99 ms | errors |`,
    );
    console.log('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
    const cpu = (ms: number | undefined): string => (ms === undefined ? '—' : fmt(ms, 2));
    for (const r of results) {
      const errors = r.api.errors + r.http.errors + r.bare.errors + r.single.errors + r.half.errors;
      const s = sent.get(r.name);
      const protocol = s
        ? `${fmt(s.unnamedParses, 1)} / ${fmt(s.namedParses, 1)}, ${fmt(s.binds, 1)}, ${fmt(s.executes, 1)}`
        : '—';
      console.log(
        `| ${r.name} | ${fmt(r.api.rps)} | ${fmt(r.api.p50, 1)} / ${fmt(r.api.p99, 1)} | ${cpu(r.api.cpuMs)} | ${cpu(r.api.postgresCpuMs)} | ${fmt(s?.roundTrips ?? Number.NaN, 1)} | ${protocol} | ${fmt(r.http.rps)} | ${fmt(r.http.p50, 1)} / ${fmt(r.http.p99, 1)} | ${cpu(r.http.cpuMs)} | ${cpu(r.http.postgresCpuMs)} | ${fmt((100 * r.api.rps) / r.http.rps)} % | ${fmt(r.bare.rps)} | ${fmt((100 * r.api.rps) / r.bare.rps)} % | ${fmt(r.single.p50, 1)} / ${fmt(r.single.p99, 1)} | ${fmt(r.half.rps)}, ${fmt(r.half.p50, 1)} / ${fmt(r.half.p99, 1)} | ${errors} |`,
      );
    }
    console.log('\n| scenario | statements per request (bound or sent; by label) |\n|---|---|');
    for (const r of results) console.log(`| ${r.name} | ${sent.get(r.name)?.statements ?? '—'} |`);
    console.log('\n| plan of | index used | EXPLAIN ANALYZE time |\n|---|---|--:|');
    for (const line of plans) console.log(line);
    for (const line of exportLines) console.log(`\n${line}`);
    if (dealsLine) console.log(`\n${dealsLine}`);
    if (scoresLine) console.log(`\n${scoresLine}`);
    if (notificationsLine) console.log(`\n${notificationsLine}`);
    for (const line of profileLines) console.log(line);
  } finally {
    stopBare();
    server.child.kill('SIGTERM');
    await bare.end();
    await db.onApplicationShutdown();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
