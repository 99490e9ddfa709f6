import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { connectSocket } from '../support/socket-client.js';
import { expectData, newApiKey, newTeam, type Team, type TestUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { prometheusBinaries, withPrometheus } from '../support/test-env.js';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const ALERTS = join(ROOT, 'ops/prometheus/alerts.yml');
const DASHBOARD = join(ROOT, 'ops/grafana/dashboards/crm.json');
const DATASOURCES = join(ROOT, 'ops/grafana/provisioning/datasources/prometheus.yml');

/** The series names an expression reads: ours, Node's and the process's, and the scrape's `up`. */
const METRIC_NAME = /\b(?:crm|nodejs|process)_[a-z0-9_]+\b|\bup\b(?=\s*\{)/g;
const namesIn = (expr: string): string[] => [...new Set(expr.match(METRIC_NAME) ?? [])];
/** The labels an expression groups by (`sum by (a, b)`). */
const groupingIn = (expr: string): string[] =>
  [...expr.matchAll(/\bby\s*\(([^)]*)\)/g)].flatMap((m) =>
    m[1].split(',').map((label) => label.trim()),
  );

interface Panel {
  type: string;
  title: string;
  datasource?: { uid?: string };
  targets?: { expr: string }[];
}
interface Dashboard {
  uid: string;
  schemaVersion: number;
  panels: Panel[];
  templating: { list: { query: { query: string } }[] };
}

/**
 * Every expression of the dashboard as Prometheus receives it (Grafana's variables filled in), a
 * variable's `label_values(selector, label)` as its selector.
 */
function dashboardExpressions(dashboard: Dashboard): string[] {
  return [
    ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((t) => t.expr)),
    ...dashboard.templating.list.map((v) =>
      v.query.query.replace(/^label_values\((.*),\s*\w+\)$/, '$1'),
    ),
  ].map((expr) => expr.replaceAll('$instance', '.*').replaceAll('$__rate_interval', '1m'));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  await new Promise((r) => server.close(r));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A private Prometheus scraping the test app every second, with the repository's alert rules. */
async function startPrometheus(binary: string, appUrl: string) {
  const dir = await mkdtemp(join(tmpdir(), 'crm-prometheus-'));
  const port = await freePort();
  await writeFile(
    join(dir, 'prometheus.yml'),
    [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      `rule_files: [${JSON.stringify(ALERTS)}]`,
      'scrape_configs:',
      '  - job_name: crm',
      `    static_configs: [{ targets: [${JSON.stringify(new URL(appUrl).host)}] }]`,
      '',
    ].join('\n'),
  );
  const output: string[] = [];
  const child: ChildProcess = spawn(
    binary,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));

  const api = async <T>(path: string, params: Record<string, string> = {}): Promise<T> => {
    const url = new URL(`http://127.0.0.1:${port}/api/v1/${path}`);
    for (const [k, v] of Object.entries(params)) url.searchParams.append(k, v);
    const res = await fetch(url);
    const body = (await res.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success')
      throw new Error(`${path} ${JSON.stringify(params)}: ${body.error}`);
    return body.data;
  };
  return {
    api,
    output: () => output.join(''),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(kill);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
type Prometheus = Awaited<ReturnType<typeof startPrometheus>>;

withPrometheus('Prometheus scraping a running server: the alert rules and the dashboard', () => {
  const binaries = prometheusBinaries()!;
  let sut: TestApp;
  let team: Team<TestUser>;
  let prometheus: Prometheus | undefined;
  let dashboard: Dashboard;
  let ruleExpressions: string[];

  beforeAll(async () => {
    dashboard = JSON.parse(await readFile(DASHBOARD, 'utf8')) as Dashboard;
    // The backlog job runs often and logins are limited early, so their series appear.
    sut = await startTestApp({
      NOTIFICATION_GROUP_WINDOW_MS: '200',
      LOGIN_LIMIT_PER_ACCOUNT: '3',
    });
    team = await newTeam(sut);
    await driveTraffic(sut, team);
    prometheus = await startPrometheus(binaries.prometheus, sut.url);
  }, 40_000);
  afterAll(async () => {
    await prometheus?.stop();
    await sut?.close();
  });

  it('promtool accepts the alert rules', async () => {
    const { stdout } = await promisify(execFile)(binaries.promtool, ['check', 'rules', ALERTS]);
    expect(stdout).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('the dashboard queries the provisioned datasource', async () => {
    const uid = /^\s*uid:\s*(\S+)/m.exec(await readFile(DATASOURCES, 'utf8'))?.[1];
    expect(uid).toBeDefined();
    expect(dashboard.uid).toBeTruthy();
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    const queried = dashboard.panels.filter((p) => p.type !== 'row');
    expect(queried.length).toBeGreaterThan(20);
    for (const panel of queried) {
      expect({ panel: panel.title, uid: panel.datasource?.uid }).toEqual({
        panel: panel.title,
        uid,
      });
      expect(panel.targets?.length).toBeGreaterThan(0);
    }
  });

  it('scrapes the server and loads every rule, which evaluates without error', async () => {
    const p = prometheus!;
    await eventually(async () => {
      const up = await p.api<{ result: { value: [number, string] }[] }>('query', {
        query: 'up{job="crm"}',
      });
      return up.result[0]?.value[1] === '1';
    }, p.output);
    ruleExpressions = await eventually(async () => {
      const { groups } = await p.api<{
        groups: { rules: { query: string; health: string; lastError?: string }[] }[];
      }>('rules');
      const rules = groups.flatMap((g) => g.rules);
      if (rules.length === 0 || rules.some((r) => r.health === 'unknown')) return undefined;
      expect(rules.filter((r) => r.health !== 'ok')).toEqual([]);
      return rules.map((r) => r.query);
    }, p.output);
    expect(ruleExpressions.length).toBeGreaterThanOrEqual(10);
  });

  it('finds in the scrape every series the dashboard and the rules read', async () => {
    const p = prometheus!;
    const expressions = [...dashboardExpressions(dashboard), ...ruleExpressions];
    const wanted = [...new Set(expressions.flatMap(namesIn))].sort();
    expect(wanted.length).toBeGreaterThan(25);
    // The app's figures sampled at scrape time and the job's first pass may take a scrape or two.
    let missing = wanted;
    await eventually(async () => {
      const present = new Set(await p.api<string[]>('label/__name__/values'));
      missing = wanted.filter((name) => !present.has(name));
      return missing.length === 0;
    }, p.output).catch(() => undefined);
    expect(missing).toEqual([]);
  });

  it('groups only by labels the series carry, and every dashboard query parses', async () => {
    const p = prometheus!;
    const labelsOf = new Map<string, Set<string>>();
    const labels = async (name: string) => {
      if (!labelsOf.has(name)) {
        const series = await p.api<Record<string, string>[]>('series', { 'match[]': name });
        labelsOf.set(name, new Set(series.flatMap((s) => Object.keys(s))));
      }
      return labelsOf.get(name)!;
    };
    for (const expr of [...dashboardExpressions(dashboard), ...ruleExpressions]) {
      const carried = new Set<string>();
      for (const name of namesIn(expr)) for (const l of await labels(name)) carried.add(l);
      const unknown = groupingIn(expr).filter((label) => !carried.has(label));
      expect({ expr, unknown }).toEqual({ expr, unknown: [] });
    }
    for (const expr of dashboardExpressions(dashboard))
      await expect(p.api('query', { query: expr })).resolves.toBeDefined();
  });
});

/** A GraphQL operation and an error, a unique violation, ingestion, refused logins, a socket and a push. */
async function driveTraffic(sut: TestApp, team: Team<TestUser>): Promise<void> {
  const create =
    'mutation CreateLead($i: CreateLeadInput!) { createLead(createLeadInput: $i) { id } }';
  const lead = {
    firstName: 'A',
    lastName: 'B',
    email: 'a.b@example.com',
    assignedToId: team.rep.id,
  };
  const socket = await connectSocket(sut.url, team.rep.token);
  try {
    expectData(await sut.gql(create, { i: lead }, team.manager.token));
    await socket.next('notification:created');
  } finally {
    socket.close();
  }
  // Taken e-mail: the INSERT fails in PostgreSQL (a statement error) and is answered CONFLICT.
  const taken = await sut.gql(create, { i: lead }, team.manager.token);
  expect(taken.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  await sut.gql('{ leads { id } }', {}, team.admin.token);

  const key = await newApiKey(sut, team.admin);
  const ingested = await fetch(`${sut.url}/api/lead`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key.secret },
    body: JSON.stringify({ email: 'form@example.com', first_name: 'F' }),
  });
  expect(ingested.status).toBe(201);

  for (let i = 0; i < 4; i++)
    await sut.gql('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', {
      i: { email: team.otherRep.email, password: 'wrong password, again' },
    });
}

/** Polls `check` every 250 ms for up to 20 s until it gives a value; then fails with Prometheus's log. */
async function eventually<T>(
  check: () => Promise<T | false | undefined>,
  log: () => string,
): Promise<T> {
  const deadline = Date.now() + 20_000;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== false && value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(250);
  }
  throw new Error(
    `Prometheus did not get there: ${last instanceof Error ? last.message : ''}\n${log()}`,
  );
}
