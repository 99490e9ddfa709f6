import { prepared } from '../database/prepared.js';
import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { LockSpace } from '../database/advisory-locks.js';
import { Sql } from '../database/sql.js';

export interface BacklogEntry {
  companyId: string;
  leadId: string;
}

/** Ingested leads whose notifications wait for their group (see NotificationBacklogJob). */
@Injectable()
export class NotificationBacklogRepository {
  constructor(private readonly sql: Sql) {}

  /** With the lead, in its transaction: the notification cannot be lost once the lead commits. */
  add(companyId: string, leadIds: readonly string[], transaction: Transaction): void {
    this.sql.send(
      transaction,
      prepared(`INSERT INTO notification_backlog (company_id, lead_id)
       SELECT $1, unnest($2::uuid[])`),
      [companyId, leadIds],
    );
  }

  /** How many ingested leads wait to be announced (the table drains every window: small). */
  async size(): Promise<number> {
    const [row] = await this.sql.rows<{ n: number }>(
      prepared('SELECT count(*)::int AS n FROM notification_backlog'),
      [],
    );
    return row.n;
  }

  /**
   * Up to `limit` entries, oldest first, taken out — by one instance at a time (the others find
   * nothing while it holds the lock), so that a burst becomes one group, not one per instance.
   */
  async take(limit: number, transaction: Transaction): Promise<BacklogEntry[]> {
    const [lock] = await this.sql.rows<{ got: boolean }>(
      prepared('SELECT pg_try_advisory_xact_lock($1, 0) AS got'),
      [LockSpace.NOTIFICATION_BACKLOG],
      transaction,
    );
    if (!lock.got) return [];
    return this.sql.rows<BacklogEntry>(
      prepared(`DELETE FROM notification_backlog b
       USING (SELECT id FROM notification_backlog ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) t
       WHERE b.id = t.id
       RETURNING b.company_id AS "companyId", b.lead_id AS "leadId"`),
      [limit],
      transaction,
    );
  }
}
