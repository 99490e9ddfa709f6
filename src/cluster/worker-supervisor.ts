import cluster, { type Worker } from 'node:cluster';
import { pino, type Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';

/** A crash loop: more replacements than this within the window, and the supervisor gives up. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
/** How long past SHUTDOWN_TIMEOUT_MS the workers get to exit before they are killed. */
const STOP_GRACE_MS = 5_000;

/**
 * The primary process when WEB_CONCURRENCY > 1. It forks the workers — each a whole server
 * instance; node:cluster hands them the connections of the one port in turn — replaces a worker
 * that dies while serving, and on SIGTERM/SIGINT lets every worker drain, exiting when all have.
 * A worker that dies before it ever listened means no instance can boot (database unreachable, a
 * migration failed): the supervisor then stops the others and exits 1 instead of looping.
 */
export class WorkerSupervisor {
  private readonly listening = new Set<number>();
  private readonly restarts: number[] = [];
  private announced = false;
  private stopping = false;
  private failed = false;

  constructor(
    private readonly config: AppConfig,
    private readonly log: Logger = pino({ level: config.LOG_LEVEL }).child({ context: 'Cluster' }),
  ) {}

  start(): void {
    cluster.on('listening', (worker, address) => this.onListening(worker, address.port));
    cluster.on('exit', (worker, code, signal) => this.onExit(worker, code, signal));
    process.on('SIGTERM', () => this.stop('SIGTERM received: draining the workers'));
    process.on('SIGINT', () => this.stop('SIGINT received: draining the workers'));
    for (let i = 0; i < this.config.WEB_CONCURRENCY; i++) this.fork();
  }

  private fork(): void {
    const worker = cluster.fork();
    this.log.info(`worker ${worker.process.pid} started`);
  }

  private onListening(worker: Worker, port: number): void {
    this.listening.add(worker.id);
    if (this.announced || this.listening.size < this.config.WEB_CONCURRENCY) return;
    this.announced = true;
    this.log.info(
      `ready: http://localhost:${port}/graphql (${this.config.NODE_ENV}, ${this.config.WEB_CONCURRENCY} workers)`,
    );
  }

  private onExit(worker: Worker, code: number | null, signal: string | null): void {
    const served = this.listening.delete(worker.id);
    const how = signal ? `on ${signal}` : `with code ${code}`;
    if (this.stopping) {
      if (code !== 0) this.failed = true;
      this.log.info(`worker ${worker.process.pid} exited ${how}`);
    } else if (!served) {
      this.log.error(`worker ${worker.process.pid} exited ${how} before it listened: stopping`);
      this.failed = true;
      this.stop('a worker could not start');
    } else if (this.crashLooping()) {
      this.log.error(`worker ${worker.process.pid} exited ${how}; too many restarts: stopping`);
      this.failed = true;
      this.stop('workers keep crashing');
    } else {
      this.log.error(`worker ${worker.process.pid} exited ${how}; starting a replacement`);
      this.fork();
    }
    if (this.stopping && this.alive().length === 0) this.exit();
  }

  private crashLooping(): boolean {
    const now = Date.now();
    while (this.restarts.length > 0 && this.restarts[0] < now - RESTART_WINDOW_MS)
      this.restarts.shift();
    this.restarts.push(now);
    return this.restarts.length > MAX_RESTARTS;
  }

  private stop(reason: string): void {
    if (this.stopping) return;
    this.stopping = true;
    this.log.info(reason);
    const workers = this.alive();
    if (workers.length === 0) return this.exit();
    // Each worker drains its own requests within SHUTDOWN_TIMEOUT_MS (see serve.ts).
    for (const worker of workers) worker.process.kill('SIGTERM');
    setTimeout(() => {
      this.log.error('workers did not exit in time; killing them');
      for (const worker of this.alive()) worker.process.kill('SIGKILL');
      process.exit(1);
    }, this.config.SHUTDOWN_TIMEOUT_MS + STOP_GRACE_MS).unref();
  }

  private alive(): Worker[] {
    return Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
  }

  private exit(): void {
    this.log.info(this.failed ? 'stopped after a failure' : 'all workers stopped');
    process.exit(this.failed ? 1 : 0);
  }
}
