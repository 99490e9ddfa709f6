import { Logger } from '@nestjs/common';
import { requestContext } from '../common/http/request-context.js';
import {
  acquireDuration,
  acquireFailures,
  statementDuration,
  statementErrors,
} from './database.metrics.js';
import { statementLabel } from './statement-label.js';

/** A span holds the statement's text up to this long: its parameters are placeholders, never values. */
const MAX_TRACED_TEXT = 2048;
const POSTGRESQL = { 'db.system': 'postgresql' } as const;

/**
 * Every statement the application sends, timed in one place: its latency by label, its failures,
 * a log line (with the request's id) for one slower than DB_SLOW_STATEMENT_MS, and a span named by
 * its label in the request's trace, when it has one.
 */
export class StatementTimer {
  private readonly logger = new Logger('SlowStatement');

  constructor(private readonly slowMs: number) {}

  async time<T>(text: string, send: () => Promise<T>): Promise<T> {
    const statement = statementLabel(text);
    const span = requestContext()?.trace?.open(
      statement,
      { ...POSTGRESQL, 'db.statement': text.slice(0, MAX_TRACED_TEXT) },
      { client: true },
    );
    const started = performance.now();
    let failure: unknown;
    try {
      return await send();
    } catch (error) {
      failure = error;
      statementErrors.inc({ statement });
      throw error;
    } finally {
      span?.end(failure);
      const ms = performance.now() - started;
      statementDuration.observe({ statement }, ms / 1000);
      if (this.slowMs > 0 && ms >= this.slowMs)
        this.logger.warn({ msg: 'slow statement', statement, durationMs: Math.round(ms) });
    }
  }

  /** A wait for a pooled connection, timed; one that ends without a connection is counted. */
  static async acquire<T>(wait: () => Promise<T>): Promise<T> {
    const span = requestContext()?.trace?.open('pool acquire', POSTGRESQL);
    const started = performance.now();
    let failure: unknown;
    try {
      return await wait();
    } catch (error) {
      failure = error;
      acquireFailures.inc();
      throw error;
    } finally {
      span?.end(failure);
      acquireDuration.observe((performance.now() - started) / 1000);
    }
  }
}
