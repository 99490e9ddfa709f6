import type { PlatformConfig } from '../config/platform.config.js';

/** A crash loop: more replacements than this within the window, and the supervisor gives up. */
export const MAX_RESTARTS = 5;
export const RESTART_WINDOW_MS = 60_000;
/** The first replacement waits this long, each further one within the window twice as long. */
export const FIRST_RESTART_DELAY_MS = 1_000;
const MAX_RESTART_DELAY_MS = 30_000;
/** How long past SHUTDOWN_TIMEOUT_MS the workers get to exit before they are killed. */
export const STOP_GRACE_MS = 5_000;

export interface WorkerHandle {
  readonly id: number;
  readonly pid: number | undefined;
  kill(signal: NodeJS.Signals): void;
}

/** What the supervisor needs of node:cluster (see cluster-host.ts); a fake in the spec. */
export interface WorkerHost {
  fork(): WorkerHandle;
  onListening(listener: (worker: WorkerHandle, port: number) => void): void;
  onExit(
    listener: (worker: WorkerHandle, code: number | null, signal: string | null) => void,
  ): void;
}

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(timer: unknown): void;
}

export interface SupervisorLog {
  info(message: string): void;
  error(message: string): void;
}

export type SupervisorConfig = Pick<
  PlatformConfig,
  'WEB_CONCURRENCY' | 'SHUTDOWN_TIMEOUT_MS' | 'NODE_ENV'
>;

const systemTimers: Timers = {
  set: (run, ms) => setTimeout(run, ms).unref(),
  clear: (timer) => clearTimeout(timer as NodeJS.Timeout),
};

/** A worker ended by SIGTERM/SIGINT was asked to stop (by us, or by a terminal's Ctrl-C). */
const askedToStop = (signal: string | null): boolean => signal === 'SIGTERM' || signal === 'SIGINT';

/**
 * The primary process when WEB_CONCURRENCY > 1. It forks the workers — each a whole server
 * instance sharing the one port — and announces readiness once all of them listen.
 *
 * - A worker that dies before the server was ever ready means the instance cannot boot (database
 *   unreachable, a migration failed): the supervisor stops the others and exits 1, for the
 *   orchestrator to see, rather than loop.
 * - After that, a worker that dies (crash, or a replacement failing to boot during an outage) is
 *   replaced after a delay that doubles with each further death within a minute; the others serve
 *   meanwhile. More than MAX_RESTARTS deaths within RESTART_WINDOW_MS: stop, exit 1.
 * - stop() (SIGTERM/SIGINT) cancels pending replacements and has every worker drain its requests;
 *   the supervisor exits 0 when all have ended cleanly, 1 otherwise or on timeout.
 */
export class WorkerSupervisor {
  private readonly workers = new Map<number, WorkerHandle>();
  private readonly listening = new Set<number>();
  private readonly pendingForks = new Set<unknown>();
  private readonly deaths: number[] = [];
  private deadline?: unknown;
  private ready = false;
  private stopping = false;
  private failed = false;

  constructor(
    private readonly config: SupervisorConfig,
    private readonly host: WorkerHost,
    private readonly log: SupervisorLog,
    private readonly exit: (code: number) => void,
    private readonly timers: Timers = systemTimers,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.host.onListening((worker, port) => this.onListening(worker, port));
    this.host.onExit((worker, code, signal) => this.onExit(worker, code, signal));
    for (let i = 0; i < this.config.WEB_CONCURRENCY; i++) this.fork();
  }

  stop(reason: string): void {
    if (this.stopping) return;
    this.stopping = true;
    this.log.info(reason);
    for (const timer of this.pendingForks) this.timers.clear(timer);
    this.pendingForks.clear();
    if (this.workers.size === 0) return this.finish();
    // Each worker drains its own requests within SHUTDOWN_TIMEOUT_MS (see serve.ts).
    for (const worker of this.workers.values()) worker.kill('SIGTERM');
    this.deadline = this.timers.set(() => {
      this.log.error('workers did not exit in time; killing them');
      for (const worker of this.workers.values()) worker.kill('SIGKILL');
      this.exit(1);
    }, this.config.SHUTDOWN_TIMEOUT_MS + STOP_GRACE_MS);
  }

  private fork(): void {
    const worker = this.host.fork();
    this.workers.set(worker.id, worker);
    this.log.info(`worker ${worker.pid} started`);
  }

  private onListening(worker: WorkerHandle, port: number): void {
    this.listening.add(worker.id);
    if (this.ready || this.listening.size < this.config.WEB_CONCURRENCY) return;
    this.ready = true;
    this.log.info(
      `ready: http://localhost:${port}/graphql (${this.config.NODE_ENV}, ${this.config.WEB_CONCURRENCY} workers)`,
    );
  }

  private onExit(worker: WorkerHandle, code: number | null, signal: string | null): void {
    this.workers.delete(worker.id);
    const served = this.listening.delete(worker.id);
    const how = signal ? `on ${signal}` : `with code ${code}`;
    if (this.stopping) {
      if (code !== 0 && !askedToStop(signal)) this.failed = true;
      this.log.info(`worker ${worker.pid} exited ${how}`);
      if (this.workers.size === 0) this.finish();
    } else if (!this.ready && !served && !askedToStop(signal)) {
      this.log.error(`worker ${worker.pid} exited ${how} before the server was ready: stopping`);
      this.failed = true;
      this.stop('a worker could not start');
    } else {
      this.replace(worker, how);
    }
  }

  private replace(worker: WorkerHandle, how: string): void {
    const delay = this.restartDelay();
    if (delay === undefined) {
      this.log.error(`worker ${worker.pid} exited ${how}; too many restarts: stopping`);
      this.failed = true;
      return this.stop('workers keep dying');
    }
    this.log.error(`worker ${worker.pid} exited ${how}; a replacement starts in ${delay} ms`);
    const timer = this.timers.set(() => {
      this.pendingForks.delete(timer);
      this.fork();
    }, delay);
    this.pendingForks.add(timer);
  }

  /** The wait before the next replacement, or undefined when workers die too often. */
  private restartDelay(): number | undefined {
    const now = this.now();
    while (this.deaths.length > 0 && this.deaths[0] <= now - RESTART_WINDOW_MS) this.deaths.shift();
    this.deaths.push(now);
    if (this.deaths.length > MAX_RESTARTS) return undefined;
    return Math.min(MAX_RESTART_DELAY_MS, FIRST_RESTART_DELAY_MS * 2 ** (this.deaths.length - 1));
  }

  private finish(): void {
    if (this.deadline !== undefined) this.timers.clear(this.deadline);
    this.log.info(this.failed ? 'stopped after a failure' : 'all workers stopped');
    this.exit(this.failed ? 1 : 0);
  }
}
