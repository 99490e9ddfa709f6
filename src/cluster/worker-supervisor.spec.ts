import {
  FIRST_RESTART_DELAY_MS,
  MAX_RESTARTS,
  STOP_GRACE_MS,
  WorkerSupervisor,
  type Timers,
  type WorkerHandle,
  type WorkerHost,
} from './worker-supervisor.js';
import { NodeEnv } from '../config/platform.config.js';

class FakeWorker implements WorkerHandle {
  readonly signals: NodeJS.Signals[] = [];
  constructor(
    readonly id: number,
    readonly pid: number,
  ) {}
  kill(signal: NodeJS.Signals): void {
    this.signals.push(signal);
  }
}

/** node:cluster as the supervisor sees it; the test plays the workers' part. */
class FakeHost implements WorkerHost {
  readonly forked: FakeWorker[] = [];
  private listeningListener?: (worker: WorkerHandle, port: number) => void;
  private exitListener?: (worker: WorkerHandle, code: number | null, signal: string | null) => void;

  fork(): WorkerHandle {
    const worker = new FakeWorker(this.forked.length + 1, 1000 + this.forked.length + 1);
    this.forked.push(worker);
    return worker;
  }
  onListening(listener: (worker: WorkerHandle, port: number) => void): void {
    this.listeningListener = listener;
  }
  onExit(listener: (worker: WorkerHandle, code: number | null, signal: string | null) => void) {
    this.exitListener = listener;
  }
  listen(worker: FakeWorker): void {
    this.listeningListener?.(worker, 4321);
  }
  die(worker: FakeWorker, code: number | null, signal: string | null = null): void {
    this.exitListener?.(worker, code, signal);
  }
}

/** Timers run by hand: `advance(ms)` fires what falls due. */
class ManualClock implements Timers {
  time = 0;
  private queue: { at: number; run: () => void; id: number }[] = [];
  private next = 0;
  set(run: () => void, ms: number): unknown {
    const id = ++this.next;
    this.queue.push({ at: this.time + ms, run, id });
    return id;
  }
  clear(timer: unknown): void {
    this.queue = this.queue.filter((t) => t.id !== timer);
  }
  advance(ms: number): void {
    this.time += ms;
    const due = this.queue.filter((t) => t.at <= this.time).sort((a, b) => a.at - b.at);
    this.queue = this.queue.filter((t) => t.at > this.time);
    for (const t of due) t.run();
  }
  get pending(): number {
    return this.queue.length;
  }
}

function setUp(workers = 2) {
  const host = new FakeHost();
  const clock = new ManualClock();
  const lines: string[] = [];
  const exits: number[] = [];
  const log = { info: (m: string) => lines.push(m), error: (m: string) => lines.push(`E ${m}`) };
  const config = { WEB_CONCURRENCY: workers, SHUTDOWN_TIMEOUT_MS: 10_000, NODE_ENV: NodeEnv.Test };
  const sut = new WorkerSupervisor(
    config,
    host,
    log,
    (code) => exits.push(code),
    clock,
    () => clock.time,
  );
  sut.start();
  const serving = (): FakeWorker[] => {
    for (const w of host.forked) host.listen(w);
    return host.forked;
  };
  return { sut, host, clock, lines, exits, serving };
}

describe('WorkerSupervisor', () => {
  it('forks WEB_CONCURRENCY workers and is ready once all of them listen', () => {
    const { host, lines } = setUp(3);
    expect(host.forked.map((w) => w.pid)).toEqual([1001, 1002, 1003]);
    host.listen(host.forked[0]);
    host.listen(host.forked[1]);
    expect(lines.some((l) => l.startsWith('ready:'))).toBe(false);
    host.listen(host.forked[2]);
    expect(lines).toContain('ready: http://localhost:4321/graphql (test, 3 workers)');
  });

  it('stops everything and exits 1 when a worker dies before the server was ready', () => {
    const { host, lines, exits } = setUp();
    host.listen(host.forked[0]);
    host.die(host.forked[1], 1);
    expect(lines).toContain(
      'E worker 1002 exited with code 1 before the server was ready: stopping',
    );
    expect(host.forked[0].signals).toEqual(['SIGTERM']);
    host.die(host.forked[0], 0);
    expect(exits).toEqual([1]);
    expect(host.forked).toHaveLength(2);
  });

  it('replaces a worker that dies while serving, after a delay, and keeps serving', () => {
    const { host, clock, lines, exits, serving } = setUp();
    const [first] = serving();
    host.die(first, null, 'SIGKILL');
    expect(lines).toContain(
      `E worker 1001 exited on SIGKILL; a replacement starts in ${FIRST_RESTART_DELAY_MS} ms`,
    );
    expect(host.forked).toHaveLength(2);
    clock.advance(FIRST_RESTART_DELAY_MS);
    expect(host.forked).toHaveLength(3);
    expect(exits).toEqual([]);
  });

  it('replaces a replacement that fails to boot after the server was ready, waiting longer each time', () => {
    const { host, clock, exits, lines, serving } = setUp();
    serving();
    host.die(host.forked[0], 1);
    clock.advance(FIRST_RESTART_DELAY_MS);
    host.die(host.forked[2], 1); // the replacement never listened: the database is away
    expect(lines.at(-1)).toBe(
      `E worker 1003 exited with code 1; a replacement starts in ${2 * FIRST_RESTART_DELAY_MS} ms`,
    );
    clock.advance(FIRST_RESTART_DELAY_MS);
    expect(host.forked).toHaveLength(3);
    clock.advance(FIRST_RESTART_DELAY_MS);
    expect(host.forked).toHaveLength(4);
    expect(exits).toEqual([]);
  });

  it('gives up with exit 1 when workers keep dying', () => {
    const { host, clock, exits, lines, serving } = setUp();
    serving();
    for (let i = 0; i < MAX_RESTARTS; i++) {
      host.die(host.forked.at(-2)!, 1);
      clock.advance(FIRST_RESTART_DELAY_MS * 2 ** i); // 31 s in all: within the minute
    }
    expect(host.forked).toHaveLength(2 + MAX_RESTARTS);
    expect(exits).toEqual([]);
    host.die(host.forked.at(-2)!, 1);
    expect(lines).toContain('workers keep dying');
    host.die(host.forked.at(-1)!, 0);
    expect(exits).toEqual([1]);
  });

  it('forgets deaths older than a minute', () => {
    const { host, clock, exits, serving } = setUp();
    serving();
    for (let i = 0; i < 2 * MAX_RESTARTS; i++) {
      host.die(host.forked.at(-2)!, 1);
      clock.advance(61_000);
    }
    expect(exits).toEqual([]);
    expect(host.forked).toHaveLength(2 + 2 * MAX_RESTARTS);
  });

  it('on stop, drains every worker and exits 0, counting SIGTERM/SIGINT deaths as clean', () => {
    const { sut, host, exits, lines, serving } = setUp(3);
    const [a, b, c] = serving();
    sut.stop('SIGINT received: draining the workers');
    expect([a, b, c].map((w) => w.signals)).toEqual([['SIGTERM'], ['SIGTERM'], ['SIGTERM']]);
    host.die(a, 0);
    host.die(b, null, 'SIGINT'); // a terminal's Ctrl-C reached it before it had set up its handler
    expect(exits).toEqual([]);
    host.die(c, null, 'SIGTERM');
    expect(exits).toEqual([0]);
    expect(lines.at(-1)).toBe('all workers stopped');
  });

  it('on stop, cancels a pending replacement', () => {
    const { sut, host, clock, exits, serving } = setUp();
    const [a, b] = serving();
    host.die(a, null, 'SIGKILL');
    sut.stop('SIGTERM received: draining the workers');
    host.die(b, 0);
    expect(exits).toEqual([0]);
    clock.advance(FIRST_RESTART_DELAY_MS);
    expect(host.forked).toHaveLength(2);
  });

  it('exits 1 when a worker fails while draining', () => {
    const { sut, host, exits, serving } = setUp();
    const [a, b] = serving();
    sut.stop('SIGTERM received: draining the workers');
    host.die(a, 1);
    host.die(b, 0);
    expect(exits).toEqual([1]);
  });

  it('kills the workers and exits 1 when they outlast the shutdown timeout', () => {
    const { sut, host, clock, exits, serving } = setUp();
    const [a, b] = serving();
    sut.stop('SIGTERM received: draining the workers');
    host.die(a, 0);
    clock.advance(10_000 + STOP_GRACE_MS - 1);
    expect(exits).toEqual([]);
    clock.advance(1);
    expect(b.signals).toEqual(['SIGTERM', 'SIGKILL']);
    expect(exits).toEqual([1]);
  });

  it('does not count a stop that arrives twice', () => {
    const { sut, clock, serving } = setUp();
    const [a] = serving();
    sut.stop('SIGINT received: draining the workers');
    sut.stop('SIGTERM received: draining the workers');
    expect(a.signals).toEqual(['SIGTERM']);
    expect(clock.pending).toBe(1);
  });
});
