import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { argValue, BENCH, openBenchDatabase } from './bench-env.js';
import { postgresCpuByPid, postgresCpuSince, processTreeCpuMs, treeRssMb } from './measure.js';
import { startBenchServer } from './server.js';

/**
 * `pnpm bench:load [--stages 50,200] [--seconds 30] [--step 100] [--max-rate 2000] [--sockets 200]
 * [--ingest-rate 10] [--workers 2] [--smoke]`: a realistic mix of traffic at a fixed arrival rate
 * (open loop: each request's latency runs from the moment it was due, so a slow server cannot hide
 * the queue it builds), on the bench data, against the built server with its workers and Redis,
 * while sockets are connected and a lead-capture form posts. Stages at the given rates, then a
 * step-up until p99 passes 500 ms or errors pass 1 % (the knee). `--smoke`: a few seconds per
 * stage at low rates, for CI. Needs `pnpm bench:data` first.
 */

const POOL = 10;
const JWT_SECRET = randomBytes(48).toString('base64');
const KNEE_P99_MS = 500;
const KNEE_ERROR_SHARE = 0.01;
const LEAD_COLUMNS = 'id firstName lastName email status budget createdAt';
const DEAL_COLUMNS = 'id title value currency stage priority leadScore createdAt';
const SEARCH_TERMS = ['rodri', 'tanaka', 'kowal', 'dubois', 'nguyen', 'lead1234'];

interface Request {
  method: 'GET' | 'POST';
  path: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One kind of request of the mix, with its share (weights sum to 100). */
interface Operation {
  name: string;
  weight: number;
  request(i: number): Request;
}

interface Outcome {
  latencies: number[];
  errors: number;
  /** The first few error answers, to say what went wrong. */
  samples: string[];
}

interface Context {
  admin: string;
  reps: { id: string; token: string }[];
  leadIds: string[];
  dealIds: string[];
  /** Leads and deals the writes change, made for this run (removed after it). */
  targetLeads: string[];
  targetDeals: string[];
  run: string;
}

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length];
const gql = (token: string, query: string, variables: Record<string, unknown> = {}): Request => ({
  method: 'POST',
  path: '/graphql',
  token,
  body: { query, variables },
});

/** Seed 004's profile: 40 % lists, 20 % by id, 15 % creates, 10 % updates, 10 % statistics, 5 % the rest. */
function mixOf(c: Context): Operation[] {
  const rep = (i: number) => pick(c.reps, i);
  return [
    {
      name: 'leads page',
      weight: 20,
      request: (i) =>
        gql(
          i % 2 ? c.admin : rep(i).token,
          `query($s: [LeadStatus!]) { leads(first: 50, filter: { status: $s }) { ${LEAD_COLUMNS} } }`,
          { s: i % 3 === 0 ? ['NEW', 'CONTACTED'] : null },
        ),
    },
    {
      name: 'deals page',
      weight: 20,
      request: (i) =>
        gql(
          i % 2 ? c.admin : rep(i).token,
          `query($s: [DealStage!]) { deals(first: 50, filter: { stage: $s }) { ${DEAL_COLUMNS} } }`,
          { s: i % 3 === 0 ? ['QUALIFIED', 'NEGOTIATION'] : null },
        ),
    },
    {
      name: 'lead by id',
      weight: 10,
      request: (i) =>
        gql(
          c.admin,
          `query($id: ID!) { lead(id: $id) { ${LEAD_COLUMNS} interactions { id type date } } }`,
          { id: pick(c.leadIds, i * 7919) },
        ),
    },
    {
      name: 'deal by id',
      weight: 10,
      request: (i) =>
        gql(c.admin, `query($id: ID!) { deal(id: $id) { ${DEAL_COLUMNS} lead { id email } } }`, {
          id: pick(c.dealIds, i * 7919),
        }),
    },
    {
      name: 'createLead',
      weight: 7,
      request: (i) =>
        gql(c.admin, 'mutation($i: CreateLeadInput!) { createLead(createLeadInput: $i) { id } }', {
          i: {
            firstName: 'Load',
            lastName: 'Create',
            email: `load-${c.run}-${i}@bench.test`,
            budget: 1000 + (i % 50) * 100,
            // Assigned: its rep's sockets are told (lead_assigned), as in real use.
            assignedToId: rep(i).id,
          },
        }),
    },
    {
      name: 'createInteraction',
      weight: 5,
      request: (i) =>
        gql(
          c.admin,
          'mutation($i: CreateInteractionInput!) { createInteraction(createInteractionInput: $i) { id } }',
          {
            i: {
              leadId: pick(c.targetLeads, i),
              type: 'CALL',
              date: new Date().toISOString(),
              notes: 'Load call',
            },
          },
        ),
    },
    {
      name: 'createDeal',
      weight: 3,
      request: (i) =>
        gql(c.admin, 'mutation($i: CreateDealInput!) { createDeal(createDealInput: $i) { id } }', {
          i: { title: `Load deal ${c.run} ${i}`, value: '1200.00', assignedToId: rep(i).id },
        }),
    },
    {
      name: 'updateLead',
      weight: 5,
      request: (i) =>
        gql(c.admin, 'mutation($i: UpdateLeadInput!) { updateLead(updateLeadInput: $i) { id } }', {
          i: { id: pick(c.targetLeads, i), status: i % 2 ? 'CONTACTED' : 'QUALIFIED' },
        }),
    },
    {
      name: 'updateDeal',
      weight: 5,
      request: (i) =>
        gql(c.admin, 'mutation($i: UpdateDealInput!) { updateDeal(updateDealInput: $i) { id } }', {
          i: { id: pick(c.targetDeals, i), stage: i % 2 ? 'QUALIFIED' : 'NEGOTIATION' },
        }),
    },
    {
      name: 'pipelineStats',
      weight: 5,
      request: () => gql(c.admin, '{ pipelineStats { stage count } }'),
    },
    {
      name: 'myDealsStats',
      weight: 5,
      request: (i) => gql(rep(i).token, '{ myDealsStats { open won totalValue } }'),
    },
    {
      name: 'search',
      weight: 2,
      request: (i) =>
        gql(
          c.admin,
          `query($s: String) { leads(first: 20, filter: { search: $s }) { ${LEAD_COLUMNS} } }`,
          { s: pick(SEARCH_TERMS, i) },
        ),
    },
    {
      name: 'notifications',
      weight: 2,
      request: (i) =>
        gql(rep(i).token, '{ getNotifications(first: 20) { edges { node { id } } } }'),
    },
    {
      name: 'export (CSV)',
      weight: 1,
      request: (i) => ({
        method: 'GET',
        path: `/api/leads/export.csv?search=${encodeURIComponent(pick(SEARCH_TERMS, i))}`,
        token: rep(i).token,
      }),
    },
  ];
}

/** A wheel of 100 slots in a fixed interleaved order: each operation its share, spread out. */
function wheelOf(mix: Operation[]): Operation[] {
  const slots = mix.flatMap((op) =>
    Array.from({ length: op.weight }, (_, k) => ({ op, at: (k + 0.5) / op.weight })),
  );
  return slots.sort((a, b) => a.at - b.at).map((slot) => slot.op);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

/** Sends `request`; resolves with an error text, or null when it succeeded. */
function send(base: string, request: Request): Promise<string | null> {
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  return new Promise((resolve) => {
    const req = http.request(
      new URL(request.path, base),
      {
        method: request.method,
        agent,
        headers: {
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
          ...request.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          if (chunks.length < 4) chunks.push(chunk);
        });
        res.once('end', () => {
          const status = res.statusCode ?? 0;
          const head = Buffer.concat(chunks).toString('utf8', 0, 400);
          if (status >= 400) resolve(`${status} ${head}`);
          else if (request.path === '/graphql' && head.includes('"errors"')) resolve(head);
          else resolve(null);
        });
      },
    );
    req.once('error', (error) => resolve(error.message));
    req.end(body);
  });
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Pool acquires so far, and those that waited more than 5 ms, from the server's own metrics. */
async function poolWaits(base: string): Promise<{ acquires: number; waited: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const count = Number(/^crm_db_pool_acquire_seconds_count (\S+)$/m.exec(text)?.[1] ?? 0);
  const quick = Number(
    /^crm_db_pool_acquire_seconds_bucket\{le="0.005"\} (\S+)$/m.exec(text)?.[1] ?? 0,
  );
  return { acquires: count, waited: count - quick };
}

interface StageResult {
  rate: number;
  seconds: number;
  outcomes: Map<string, Outcome>;
  ingest: Outcome;
  serverCpuMs: number;
  postgresCpuMs: number;
  poolWaits: { acquires: number; waited: number };
  rssMb: number;
  pushes: number;
  p99: number;
  errorShare: number;
}

/**
 * One stage: `rate` requests a second of the mix for `seconds`, each sent when due whether or not
 * earlier ones have been answered, and the form's posts at `ingestRate` beside them.
 */
async function runStage(options: {
  base: string;
  serverPid: number;
  wheel: Operation[];
  rate: number;
  seconds: number;
  ingestRate: number;
  ingest: (i: number) => Request;
  pushes: () => number;
  counter: { next: number };
}): Promise<StageResult> {
  const { base, wheel, rate, seconds } = options;
  const outcomes = new Map<string, Outcome>();
  const ingest: Outcome = { latencies: [], errors: 0, samples: [] };
  const record = (outcome: Outcome, due: number, error: string | null) => {
    outcome.latencies.push(performance.now() - due);
    if (error) {
      outcome.errors++;
      if (outcome.samples.length < 3) outcome.samples.push(error.slice(0, 200));
    }
  };
  const before = {
    server: processTreeCpuMs(options.serverPid),
    postgres: postgresCpuByPid(),
    pool: await poolWaits(base),
    pushes: options.pushes(),
  };
  const started = performance.now();
  const pending: Promise<void>[] = [];
  const total = Math.round(rate * seconds);
  const ingestTotal = Math.round(options.ingestRate * seconds);
  const schedule: { due: number; fire: (due: number) => void }[] = [];
  for (let k = 0; k < total; k++)
    schedule.push({
      due: started + (k * 1000) / rate,
      fire: (due) => {
        const i = options.counter.next++;
        const op = wheel[i % wheel.length];
        let outcome = outcomes.get(op.name);
        if (!outcome) outcomes.set(op.name, (outcome = { latencies: [], errors: 0, samples: [] }));
        const o = outcome;
        pending.push(send(base, op.request(i)).then((error) => record(o, due, error)));
      },
    });
  for (let k = 0; k < ingestTotal; k++)
    schedule.push({
      due: started + (k * 1000) / options.ingestRate,
      fire: (due) => {
        const i = options.counter.next++;
        pending.push(send(base, options.ingest(i)).then((error) => record(ingest, due, error)));
      },
    });
  schedule.sort((a, b) => a.due - b.due);
  // Everything due is sent at once; then a timer for the next due time (no drift accumulates).
  for (let next = 0; next < schedule.length;) {
    const now = performance.now();
    while (next < schedule.length && schedule[next].due <= now) {
      schedule[next].fire(schedule[next].due);
      next++;
    }
    if (next < schedule.length)
      await new Promise((r) => setTimeout(r, Math.max(0, schedule[next].due - performance.now())));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  const pool = await poolWaits(base);
  const all = [...outcomes.values()];
  const latencies = all.flatMap((o) => o.latencies).sort((a, b) => a - b);
  const errors = all.reduce((n, o) => n + o.errors, 0);
  return {
    rate,
    seconds: elapsed,
    outcomes,
    ingest,
    serverCpuMs: processTreeCpuMs(options.serverPid) - before.server,
    postgresCpuMs: postgresCpuSince(before.postgres),
    poolWaits: {
      acquires: pool.acquires - before.pool.acquires,
      waited: pool.waited - before.pool.waited,
    },
    rssMb: treeRssMb(options.serverPid).reduce((sum, mb) => sum + mb, 0),
    pushes: options.pushes() - before.pushes,
    p99: quantile(latencies, 0.99),
    errorShare: latencies.length ? errors / latencies.length : 0,
  };
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function printStage(label: string, stage: StageResult, order: readonly string[]): void {
  console.log(`\n### ${label}: ${fmt(stage.rate)} req/s for ${fmt(stage.seconds, 1)} s\n`);
  console.log('| operation | requests | p50 ms | p95 ms | p99 ms | errors |');
  console.log('|---|--:|--:|--:|--:|--:|');
  // In the mix's order, whichever was answered first.
  const rows = [
    ...order.flatMap((name) => {
      const outcome = stage.outcomes.get(name);
      return outcome ? [[name, outcome] as const] : [];
    }),
    ['POST /api/lead (form stream)', stage.ingest] as const,
  ];
  for (const [name, outcome] of rows) {
    const sorted = [...outcome.latencies].sort((a, b) => a - b);
    console.log(
      `| ${name} | ${fmt(sorted.length)} | ${fmt(quantile(sorted, 0.5), 1)} | ${fmt(quantile(sorted, 0.95), 1)} | ${fmt(quantile(sorted, 0.99), 1)} | ${fmt(outcome.errors)} |`,
    );
  }
  const all = [...stage.outcomes.values()].flatMap((o) => o.latencies).sort((a, b) => a - b);
  console.log(
    `| **all** | ${fmt(all.length)} | ${fmt(quantile(all, 0.5), 1)} | ${fmt(quantile(all, 0.95), 1)} | ${fmt(quantile(all, 0.99), 1)} | ${fmt(stage.errorShare * 100, 2)} % |`,
  );
  const cores = (ms: number) => fmt(ms / 1000 / stage.seconds, 2);
  console.log(
    `\nserver CPU ${cores(stage.serverCpuMs)} cores · PostgreSQL CPU ${cores(stage.postgresCpuMs)} cores · pool waits > 5 ms ${fmt(stage.poolWaits.waited)} of ${fmt(stage.poolWaits.acquires)} acquires · server RSS ${fmt(stage.rssMb)} MB · pushes delivered ${fmt(stage.pushes)}`,
  );
  for (const [name, outcome] of rows)
    for (const sample of outcome.samples) console.log(`  error (${name}): ${sample}`);
}

async function login(base: string, email: string): Promise<{ id: string; token: string }> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($i: LoginInput!) { login(input: $i) { accessToken user { id } } }',
      variables: { i: { email, password: BENCH.password } },
    }),
  });
  const json = (await res.json()) as {
    data?: { login: { accessToken: string; user: { id: string } } };
  };
  if (!json.data) throw new Error(`login ${email} failed: ${JSON.stringify(json)}`);
  return { id: json.data.login.user.id, token: json.data.login.accessToken };
}

function listArg(name: string, fallback: number[]): number[] {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const values = process.argv[i + 1].split(',').map(Number);
  if (values.some((v) => !Number.isInteger(v) || v <= 0))
    throw new Error(`--${name} takes whole numbers, comma-separated`);
  return values;
}

async function main(): Promise<void> {
  const smoke = process.argv.includes('--smoke');
  const stages = listArg('stages', smoke ? [20, 50] : [50, 200]);
  const seconds = argValue('seconds', smoke ? 3 : 30);
  const step = argValue('step', smoke ? 0 : 100);
  const maxRate = argValue('max-rate', smoke ? 0 : 2000);
  const socketCount = argValue('sockets', smoke ? 20 : 200);
  const ingestRate = argValue('ingest-rate', smoke ? 5 : 10);
  const workers = argValue('workers', Math.min(2, availableParallelism()));
  if (workers > 1 && !process.env.REDIS_URL)
    throw new Error('--workers above 1 needs REDIS_URL (the workers share limits and sockets)');

  const db = await openBenchDatabase();
  const bare = new pg.Pool({ connectionString: db.url, max: 2 });
  const server = await startBenchServer({
    url: db.url,
    workers,
    pool: POOL,
    jwtSecret: JWT_SECRET,
    name: 'load',
    env: {
      EXPORT_LIMIT_PER_HOUR: '1000000',
      // Exports are 1 % of the mix: a slot each for the few that overlap (they hold a connection).
      EXPORT_MAX_CONCURRENT: '2',
      EXPORT_MAX_PER_USER: '2',
      EXPORT_MAX_PER_COMPANY: '2',
      DEAL_STATS_UNCACHED_PER_MINUTE: '1000000',
      LOGIN_LIMIT_PER_ACCOUNT: '1000',
      SUMMARY_LIMIT_PER_MINUTE: '1000000',
    },
  });
  const sockets: Socket[] = [];
  const run = randomBytes(3).toString('hex');
  try {
    const {
      rows: [bench],
    } = await bare.query<{ company_id: string }>(
      'SELECT company_id FROM users WHERE lower(email) = $1',
      [BENCH.email],
    );
    if (!bench) throw new Error('No bench data: run `pnpm bench:data` first');
    const companyId = bench.company_id;
    const admin = await login(server.base, BENCH.email);
    const reps = await Promise.all(
      Array.from({ length: BENCH.reps }, (_, k) =>
        login(server.base, `bench.rep${k + 1}@example.com`),
      ),
    );
    const sample = async (table: string) =>
      (
        await bare.query<{ id: string }>(
          `SELECT id FROM ${table} WHERE company_id = $1 AND deleted_at IS NULL ORDER BY random() LIMIT 2000`,
          [companyId],
        )
      ).rows.map((r) => r.id);
    // The writes change rows made for this run (created long ago: they stay off the first pages).
    const targets = async (sql: string) =>
      (await bare.query<{ id: string }>(sql, [companyId, run])).rows.map((r) => r.id);
    const context: Context = {
      admin: admin.token,
      reps,
      leadIds: await sample('leads'),
      dealIds: await sample('deals'),
      targetLeads: await targets(
        `INSERT INTO leads (company_id, first_name, last_name, email, created_at, updated_at)
         SELECT $1, 'Load', 'Target', 'load-target-' || $2 || '-' || g || '@bench.test',
           now() - interval '20 years', now() - interval '20 years'
         FROM generate_series(1, 500) g RETURNING id`,
      ),
      targetDeals: await targets(
        `INSERT INTO deals (company_id, title, currency, lead_score, created_at, updated_at)
         SELECT $1, 'Load target ' || $2 || ' ' || g, 'USD', 15, now() - interval '20 years', now() - interval '20 years'
         FROM generate_series(1, 500) g RETURNING id`,
      ),
      run,
    };
    if (context.leadIds.length === 0 || context.dealIds.length === 0)
      throw new Error('The bench company has no leads or deals: run `pnpm bench:data`');

    const { createApiKey: key } = (
      (await (
        await fetch(`${server.base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
          body: JSON.stringify({
            query: 'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }',
            variables: { i: { name: `load ${run}`, scopes: ['INGEST'] } },
          }),
        })
      ).json()) as { data: { createApiKey: { secret: string } } }
    ).data;
    const ingest = (i: number): Request => ({
      method: 'POST',
      path: '/api/lead',
      headers: { 'x-api-key': key.secret, 'idempotency-key': `load-${run}-${i}` },
      body: { firstName: 'Form', lastName: 'Post', email: `form-${run}-${i}@bench.test` },
    });

    // The notification bell of the reps and the admin: pushes counted as they arrive.
    let pushes = 0;
    const users = [admin, ...reps];
    // Ten at a time: one address may hold SOCKET_MAX_PENDING_PER_IP sockets not yet admitted.
    const connect = (k: number) =>
      new Promise<Socket>((resolve, reject) => {
        const socket = io(server.base, {
          transports: ['websocket'],
          auth: { token: pick(users, k).token },
          forceNew: true,
        });
        socket.on('notification:created', () => pushes++);
        sockets.push(socket);
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    for (let k = 0; k < socketCount; k += 10)
      await Promise.all(
        Array.from({ length: Math.min(10, socketCount - k) }, (_, j) => connect(k + j)),
      );

    const mix = mixOf(context);
    const order = mix.map((op) => op.name);
    const wheel = wheelOf(mix);
    const counter = { next: 0 };
    const stage = (rate: number, secs: number) =>
      runStage({
        base: server.base,
        serverPid: server.child.pid!,
        wheel,
        rate,
        seconds: secs,
        ingestRate,
        ingest,
        pushes: () => pushes,
        counter,
      });
    console.log(
      `# Load mix: ${workers} worker(s)${process.env.REDIS_URL ? ' + Redis' : ''}, ${socketCount} sockets, form stream ${ingestRate}/s, ${context.leadIds.length} sampled leads`,
    );
    // Warm-up: caches, plans, JIT; not reported.
    await stage(Math.min(20, stages[0]), smoke ? 1 : 5);
    const names = ['business hours', 'month-end'];
    for (const [k, rate] of stages.entries())
      printStage(names[k] ?? `stage ${k + 1}`, await stage(rate, seconds), order);
    if (step > 0) {
      let knee = 0;
      for (let rate = stages.at(-1)! + step; rate <= maxRate; rate += step) {
        const result = await stage(rate, Math.max(10, Math.round(seconds / 2)));
        printStage('step-up', result, order);
        if (result.p99 > KNEE_P99_MS || result.errorShare > KNEE_ERROR_SHARE) {
          console.log(
            `\nknee: past ${fmt(knee)} req/s (at ${fmt(rate)}: p99 ${fmt(result.p99)} ms, errors ${fmt(result.errorShare * 100, 2)} %)`,
          );
          break;
        }
        knee = rate;
      }
    }
  } finally {
    for (const socket of sockets) socket.close();
    agent.destroy();
    await bare.query("DELETE FROM leads WHERE email LIKE '%@bench.test'").catch(() => undefined);
    await bare.query("DELETE FROM deals WHERE title LIKE 'Load %'").catch(() => undefined);
    await bare.end();
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    await db.onApplicationShutdown();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
