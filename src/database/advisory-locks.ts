import { Injectable } from '@nestjs/common';
import { Sequelize } from 'sequelize-typescript';
import { giveBack } from './broken-connections.js';
import type { Prepared } from './prepared.js';
import { Sql } from './sql.js';

/** What a lock guards, as the first key of PostgreSQL's two-key advisory locks. One per purpose. */
export enum LockSpace {
  /** A company's bulk score recalculation (key: the company). */
  SCORE_RECALCULATION = 1001,
  /** The scheduled recalculation of every company's scores (key: `all`): one instance at a time. */
  SCORE_SCHEDULE = 1002,
  /** Emptying the notification backlog (key: 0): one instance at a time, so a burst is one group. */
  NOTIFICATION_BACKLOG = 1003,
}

/** The session holding a lock, for the work done under it: autocommitted statements. */
export interface LockSession {
  rows<T>(sql: string | Prepared, values: readonly unknown[]): Promise<T[]>;
}

/**
 * PostgreSQL session advisory locks, shared by every instance: the lock is held by a pooled
 * connection set aside while `work` runs, so that it goes with the session if the process dies.
 * The work runs its statements on that same session (each commits on its own): a run costs the
 * pool one connection, however many run at once.
 */
@Injectable()
export class AdvisoryLocks {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly sql: Sql,
  ) {}

  /** `work`'s result while holding (space, key); null, without waiting, when another holds it. */
  async tryWhile<T>(
    space: LockSpace,
    key: string,
    work: (session: LockSession) => Promise<T>,
  ): Promise<{ result: T } | null> {
    const pool = this.sequelize.connectionManager;
    const client = await this.sql.connection();
    // A session whose lock or unlock failed, or that pg lost a statement on, is not reused.
    let destroy = true;
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
        [space, key],
      );
      destroy = false;
      if (!rows[0].locked) return null;
      const session: LockSession = {
        rows: <R>(sql: string | Prepared, values: readonly unknown[]) =>
          this.sql.rowsOn<R>(client, sql, values),
      };
      try {
        return { result: await work(session) };
      } finally {
        await client
          .query('SELECT pg_advisory_unlock($1, hashtext($2))', [space, key])
          .catch(() => (destroy = true));
      }
    } finally {
      giveBack(pool, client, !destroy);
    }
  }
}
