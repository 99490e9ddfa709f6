import type { Logger } from '@nestjs/common';

/**
 * Background work that runs every `everyMs` on each instance, one pass at a time (a pass still
 * running when the next is due is not doubled), whose failures are logged and wait for the next
 * pass. Timers do not keep the process alive; `stop` waits for the pass under way.
 */
export class PeriodicTask {
  private timers: NodeJS.Timeout[] = [];
  private running?: Promise<void>;

  constructor(
    private readonly name: string,
    private readonly logger: Logger,
    private readonly pass: () => Promise<unknown>,
  ) {}

  /** Every `everyMs`; the first pass after `firstAfterMs` when given, else after `everyMs`. */
  start(everyMs: number, firstAfterMs?: number): void {
    const run = (): void => {
      this.running ??= this.pass()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error(`${this.name} failed: ${String(error)}`))
        .finally(() => (this.running = undefined));
    };
    if (firstAfterMs !== undefined) this.timers.push(setTimeout(run, firstAfterMs));
    this.timers.push(setInterval(run, everyMs));
    for (const timer of this.timers) timer.unref();
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    await this.running;
  }
}
