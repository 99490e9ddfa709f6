import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import type { LockSession } from '../database/advisory-locks.js';
import { prepared } from '../database/prepared.js';
import { Sql } from '../database/sql.js';
import { activityScoreSql } from './activity-score.js';

/**
 * The activity score of some leads, computed from their interactions by PostgreSQL in one
 * statement (an aggregate per lead over interactions_by_lead), at one instant, and written with
 * the time it was computed. `updated_at` is left alone: a score is not an edit.
 */
const RESCORE = prepared(
  `UPDATE leads l SET activity_score = s.score, score_calculated_at = $3::timestamptz
   FROM (
     SELECT ids.id, ${activityScoreSql('i', '$3::timestamptz')} AS score
     FROM unnest($1::uuid[]) AS ids(id)
     LEFT JOIN interactions i ON i.lead_id = ids.id AND i.company_id = $2
     GROUP BY ids.id
   ) s
   WHERE l.id = s.id AND l.company_id = $2`,
);

/**
 * The company's next `limit` leads in creation order (leads_all_by_created, tenant first: a small
 * company's batch reads only its own rows), rescored as RESCORE does, in one statement.
 */
const RESCORE_BATCH = `WITH batch AS (
    SELECT id, created_at FROM leads
    WHERE company_id = $1 AND (created_at, id) > ($2::timestamptz, $3::uuid)
    ORDER BY created_at, id LIMIT $4
  ), scored AS (
    SELECT b.id, ${activityScoreSql('i', '$5::timestamptz')} AS score
    FROM batch b LEFT JOIN interactions i ON i.lead_id = b.id AND i.company_id = $1
    GROUP BY b.id
  ), written AS (
    UPDATE leads l SET activity_score = s.score, score_calculated_at = $5::timestamptz
    FROM scored s WHERE l.id = s.id AND l.company_id = $1
      -- A lead an interaction change rescored after this run began keeps that newer score: this
      -- batch's snapshot may predate the change it waited for.
      AND (l.score_calculated_at IS NULL OR l.score_calculated_at <= $5::timestamptz)
    RETURNING l.id
  ), last AS (SELECT created_at, id FROM batch ORDER BY created_at DESC, id DESC LIMIT 1)
  SELECT (SELECT count(*)::int FROM written) AS n, last.created_at AS "createdAt", last.id
  FROM (SELECT 1) one LEFT JOIN last ON true`;

/** Where a batch of a company's leads ends: its last lead's creation time and id. */
export interface LeadPosition {
  createdAt: Date;
  id: string;
}

@Injectable()
export class LeadScoresRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Rescores the company's next `limit` leads after `after` (in creation order), in one
   * statement autocommitted on the run's session; returns how many were written and where the next batch starts, null
   * when there were none.
   */
  async rescoreBatch(
    session: LockSession,
    companyId: string,
    after: LeadPosition,
    limit: number,
    at: Date,
  ): Promise<{ written: number; next: LeadPosition | null }> {
    const [row] = await session.rows<{ n: number; createdAt: Date | null; id: string | null }>(
      RESCORE_BATCH,
      [companyId, after.createdAt, after.id, limit, at],
    );
    return {
      written: row.n,
      next: row.id && row.createdAt ? { createdAt: row.createdAt, id: row.id } : null,
    };
  }

  /** Inside the change's transaction, sent behind it (Sql.send): no round trip of its own. */
  rescore(transaction: Transaction, companyId: string, leadIds: readonly string[], at: Date): void {
    this.sql.send(transaction, RESCORE, [leadIds, companyId, at]);
  }
}
