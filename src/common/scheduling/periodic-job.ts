import { Logger } from '@nestjs/common';
import { reportServerFault } from '../errors/server-faults.js';
import { counter, latency, secondsSince } from '../metrics/metrics.js';

const jobRuns = counter(
  'job_runs_total',
  'Scheduled passes of each periodic job, by outcome (ok, failed).',
  ['job', 'outcome'],
);
const jobDuration = latency('job_duration_seconds', 'How long each periodic job’s passes take.', [
  'job',
]);

/** When a job runs: every `everyMs`; the first pass after `firstAfterMs` when given, else after `everyMs`. */
export interface JobSchedule {
  everyMs: number;
  firstAfterMs?: number;
}

/** A job's schedule from its setting: every `everyMs`, or off (null) when the setting is 0. */
export function every(everyMs: number, firstAfterMs?: number): JobSchedule | null {
  return everyMs > 0 ? { everyMs, firstAfterMs } : null;
}

/**
 * Background work that runs periodically on each instance: a provider of its feature's module, in
 * a `*.job.ts`, extending this. JobRunner finds every one at boot and starts it, and stops it at
 * shutdown; nothing else does. One pass at a time (a pass still running when the next is due is
 * not doubled); a failed pass is logged and waits for the next. Timers do not keep the process
 * alive; `stop` waits for the pass under way.
 */
export abstract class PeriodicJob {
  /** Named after the job's class, as each job's log lines were before they shared this base. */
  protected readonly logger = new Logger(this.constructor.name);
  /** Set at shutdown: a long pass checks it between steps and stops there. */
  protected stopping = false;
  private timers: NodeJS.Timeout[] = [];
  private running?: Promise<void>;

  /** What its failures are logged as. */
  abstract readonly label: string;

  /** Asked once, at boot, from the job's settings: null leaves it off on this instance. */
  abstract schedule(): JobSchedule | null;

  /** One pass; tests call it directly instead of waiting for the timer. */
  abstract run(): Promise<unknown>;

  /**
   * Repeats `step`, which handles at most `batch` items and says how many, until one handles less
   * than a full batch, so that a backlog drains in one pass; at shutdown it stops between steps.
   * The total handled.
   */
  protected async drain(batch: number, step: (batch: number) => Promise<number>): Promise<number> {
    let total = 0;
    while (!this.stopping) {
      const handled = await step(batch);
      total += handled;
      if (handled < batch) break;
    }
    return total;
  }

  /** JobRunner's. */
  start({ everyMs, firstAfterMs }: JobSchedule): void {
    const run = (): void => {
      this.running ??= this.timedRun().finally(() => (this.running = undefined));
    };
    if (firstAfterMs !== undefined) this.timers.push(setTimeout(run, firstAfterMs));
    this.timers.push(setInterval(run, everyMs));
    for (const timer of this.timers) timer.unref();
  }

  /** A scheduled pass: its outcome and duration counted, its failure logged. */
  private async timedRun(): Promise<void> {
    const started = performance.now();
    const job = this.label;
    try {
      await this.run();
      jobRuns.inc({ job, outcome: 'ok' });
    } catch (error) {
      jobRuns.inc({ job, outcome: 'failed' });
      this.logger.error(`${job} failed: ${String(error)}`);
      reportServerFault({ error, source: 'job', task: job });
    } finally {
      jobDuration.observe({ job }, secondsSince(started));
    }
  }

  /** JobRunner's. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    await this.running;
  }
}
