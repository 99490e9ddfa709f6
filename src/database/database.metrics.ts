import type { Sequelize } from 'sequelize-typescript';
import { counter, gauge, latency } from '../common/metrics/metrics.js';

export const statementDuration = latency(
  'db_statement_duration_seconds',
  'Statements sent to PostgreSQL, by label (verb and table: INSERT leads), from send to answer.',
  ['statement'],
);
export const statementErrors = counter(
  'db_statement_errors_total',
  'Statements PostgreSQL (or the connection) failed, by label.',
  ['statement'],
);
export const acquireDuration = latency(
  'db_pool_acquire_seconds',
  'Waits for a pooled connection; the slow end is requests queueing for the pool.',
);
export const acquireFailures = counter(
  'db_pool_acquire_failures_total',
  'Waits for a pooled connection that ended without one (DATABASE_BUSY, or PostgreSQL down).',
);

export const exportsRunning = gauge(
  'export_slots_in_use',
  'CSV exports running, each holding a pooled connection while its client reads.',
);

/** The pools of this process (one per application; the e2e suite boots several). */
const pools = new Set<Sequelize>();

type PoolState = 'in_use' | 'idle' | 'waiting';

/** sequelize-pool's counters, which Sequelize's typings leave out. */
interface PoolCounts {
  using: number;
  available: number;
  waiting: number;
}

gauge<'state'>('db_pool_connections', 'Pooled connections in use, idle, and requests waiting.', {
  labelNames: ['state'],
  collect() {
    const totals: Record<PoolState, number> = { in_use: 0, idle: 0, waiting: 0 };
    for (const sequelize of pools) {
      const pool = (sequelize.connectionManager as unknown as { pool?: PoolCounts }).pool;
      if (!pool) continue;
      totals.in_use += pool.using;
      totals.idle += pool.available;
      totals.waiting += pool.waiting;
    }
    for (const [state, value] of Object.entries(totals)) this.set({ state }, value);
  },
});

/** The pool counts in the gauge from open to close (DatabaseConnection). */
export function watchPool(sequelize: Sequelize): () => void {
  pools.add(sequelize);
  return () => pools.delete(sequelize);
}
