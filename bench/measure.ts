import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import autocannon from 'autocannon';

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU time the serving processes spent per request answered: steadier than req/s here. */
  cpuMs?: number;
  /** CPU time every PostgreSQL process of this machine spent per request answered. */
  postgresCpuMs?: number;
}

/** One request of a scenario: its body and headers. */
export interface BenchRequest {
  body: string;
  headers: Record<string, string>;
}

/**
 * Load on the API: `connections` keep-alive clients for `seconds`, via autocannon; `cpuMs` reads
 * the server's CPU time so far, for its cost per request. An answer whose status is not in `ok`
 * counts as an error.
 */
export async function measureApi(
  options: autocannon.Options,
  cpuMs?: () => number,
  ok: readonly number[] = [200],
): Promise<Figures> {
  const cpuBefore = cpuMs?.();
  const postgresBefore = postgresCpuByPid();
  const result = await autocannon({ connections: 50, duration: 10, ...options });
  const postgresMs = postgresCpuSince(postgresBefore);
  const answered = result.requests.total;
  const unexpected = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => !ok.includes(Number(code)))
    .reduce((sum, [, stats]) => sum + (stats.count ?? 0), 0);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + unexpected,
    cpuMs:
      cpuMs && cpuBefore !== undefined && answered > 0
        ? (cpuMs() - cpuBefore) / answered
        : undefined,
    postgresCpuMs: answered > 0 ? postgresMs / answered : undefined,
  };
}

/**
 * CPU (ms) of each PostgreSQL process on this machine, by pid: the benchmark's database must be
 * local. Every process counts — backends, and the WAL writer and checkpointer a write wakes.
 */
export function postgresCpuByPid(): Map<string, number> {
  const cpu = new Map<string, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procFile(Number(entry), 'stat');
    if (stat.includes('(postgres)')) cpu.set(entry, cpuMsOfStat(stat));
  }
  return cpu;
}

/**
 * PostgreSQL's CPU between two readings: what each process still running spent since the first
 * (all of it, for one started since). A backend that ended in between takes its share with it:
 * an undercount, never a negative.
 */
export function postgresCpuSince(before: Map<string, number>): number {
  let ms = 0;
  for (const [pid, now] of postgresCpuByPid()) ms += Math.max(0, now - (before.get(pid) ?? 0));
  return ms;
}

/** A file of /proc/<pid>/, or '' when the process ended meanwhile. */
function procFile(pid: number, name: string): string {
  try {
    return readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The CPU time (user + system) a /proc/<pid>/stat line reports, in ms: utime and stime (fields 14
 * and 15) in clock ticks of 10 ms (USER_HZ = 100 on every mainstream kernel); 0 for no line.
 */
function cpuMsOfStat(stat: string): number {
  if (!stat) return 0;
  const fields = stat.split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The CPU time (user + system) of a process and its live children, from /proc, in ms. */
export function processTreeCpuMs(pid: number): number {
  return [pid, ...childrenOf(pid)].reduce((sum, p) => sum + cpuMsOfStat(procFile(p, 'stat')), 0);
}

/** Resident memory of a process and of each of its live children, in MB, from /proc. */
export function treeRssMb(pid: number): number[] {
  return [pid, ...childrenOf(pid)].map(
    (p) => Number(/VmRSS:\s+(\d+)/.exec(procFile(p, 'status'))?.[1] ?? 0) / 1024,
  );
}

/** A process's live children (the workers of the server), from /proc. */
export function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** The same load shape on a bare `pg` pool: `connections` loops issuing `work` for `seconds`. */
export async function measureBare(
  work: (i: number) => Promise<unknown>,
  connections = 50,
  seconds = 10,
): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const cpuBefore = process.cpuUsage();
  const postgresBefore = postgresCpuByPid();
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) {
        const started = performance.now();
        try {
          await work(n++);
        } catch {
          errors++;
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  const cpu = process.cpuUsage(cpuBefore);
  const postgresMs = postgresCpuSince(postgresBefore);
  return {
    ...percentiles(latencies),
    rps: latencies.length / seconds,
    errors,
    // This process is the bare floor's whole client side: pool, driver and the loop itself.
    cpuMs: latencies.length > 0 ? (cpu.user + cpu.system) / 1000 / latencies.length : undefined,
    postgresCpuMs: latencies.length > 0 ? postgresMs / latencies.length : undefined,
  };
}

export function percentiles(latencies: number[]): { p50: number; p99: number } {
  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}

/**
 * An open loop: requests sent at a steady `rate` over up to `connections` keep-alive sockets,
 * whatever the answers' speed, each timed from when it was due (so a queue building up shows in
 * the figures instead of slowing the senders). autocannon's own rate limit sends each second's
 * requests in one burst, which measures the burst rather than the server.
 */
export async function measureOpenLoop(options: {
  url: string;
  request: (i: number) => BenchRequest;
  ok: readonly number[];
  rate: number;
  connections: number;
  seconds: number;
}): Promise<Figures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const target = new URL(options.url);
  const latencies: number[] = [];
  let errors = 0;
  const send = (i: number, due: number): Promise<void> =>
    new Promise((resolve) => {
      const { body, headers } = options.request(i);
      const req = http.request(
        target,
        {
          method: 'POST',
          agent,
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.once('end', () => {
            if (!options.ok.includes(res.statusCode ?? 0)) errors++;
            latencies.push(performance.now() - due);
            resolve();
          });
        },
      );
      req.once('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  const total = Math.round(options.rate * options.seconds);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(i, due));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { ...percentiles(latencies), rps: latencies.length / elapsed, errors };
}

/** Each figure's median over several runs of one measurement. */
export function median(runs: Figures[]): Figures {
  const mid = (pick: (f: Figures) => number): number => {
    const sorted = runs.map(pick).sort((a, b) => a - b);
    const m = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  };
  return {
    rps: mid((f) => f.rps),
    p50: mid((f) => f.p50),
    p99: mid((f) => f.p99),
    errors: runs.reduce((sum, f) => sum + f.errors, 0),
    cpuMs: runs.every((f) => f.cpuMs !== undefined) ? mid((f) => f.cpuMs ?? 0) : undefined,
    postgresCpuMs: runs.every((f) => f.postgresCpuMs !== undefined)
      ? mid((f) => f.postgresCpuMs ?? 0)
      : undefined,
  };
}
