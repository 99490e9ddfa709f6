import { Logger } from '@nestjs/common';
import {
  acquireDuration,
  acquireFailures,
  statementDuration,
  statementErrors,
} from './database.metrics.js';
import { statementLabel } from './statement-label.js';

/**
 * Every statement the application sends, timed in one place: its latency by label, its failures,
 * and a log line (with the request's id) for one slower than DB_SLOW_STATEMENT_MS.
 */
export class StatementTimer {
  private readonly logger = new Logger('SlowStatement');

  constructor(private readonly slowMs: number) {}

  async time<T>(text: string, send: () => Promise<T>): Promise<T> {
    const statement = statementLabel(text);
    const started = performance.now();
    try {
      return await send();
    } catch (error) {
      statementErrors.inc({ statement });
      throw error;
    } finally {
      const ms = performance.now() - started;
      statementDuration.observe({ statement }, ms / 1000);
      if (this.slowMs > 0 && ms >= this.slowMs)
        this.logger.warn({ msg: 'slow statement', statement, durationMs: Math.round(ms) });
    }
  }

  /** A wait for a pooled connection, timed; one that ends without a connection is counted. */
  static async acquire<T>(wait: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await wait();
    } catch (error) {
      acquireFailures.inc();
      throw error;
    } finally {
      acquireDuration.observe((performance.now() - started) / 1000);
    }
  }
}
