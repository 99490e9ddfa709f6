import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { Sequelize } from 'sequelize-typescript';

/** What a lock guards, as the first key of PostgreSQL's two-key advisory locks. One per purpose. */
export enum LockSpace {
  /** A company's bulk score recalculation (key: the company). */
  SCORE_RECALCULATION = 1001,
}

/**
 * PostgreSQL session advisory locks, shared by every instance: the lock is held by a pooled
 * connection set aside while `work` runs, so that it goes with the session if the process dies.
 * The work itself runs on other connections: its batches commit on their own.
 */
@Injectable()
export class AdvisoryLocks {
  constructor(private readonly sequelize: Sequelize) {}

  /** `work`'s result while holding (space, key); null, without waiting, when another holds it. */
  async tryWhile<T>(
    space: LockSpace,
    key: string,
    work: () => Promise<T>,
  ): Promise<{ result: T } | null> {
    const pool = this.sequelize.connectionManager;
    const client = (await pool.getConnection({ type: 'write' })) as pg.Client;
    let destroy = false;
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
        [space, key],
      );
      if (!rows[0].locked) return null;
      try {
        return { result: await work() };
      } finally {
        await client
          .query('SELECT pg_advisory_unlock($1, hashtext($2))', [space, key])
          .catch(() => (destroy = true)); // a session that cannot unlock must not be reused
      }
    } catch (error) {
      destroy = true;
      throw error;
    } finally {
      if (destroy) void pool.destroyConnection(client).catch(() => undefined);
      else pool.releaseConnection(client);
    }
  }
}
