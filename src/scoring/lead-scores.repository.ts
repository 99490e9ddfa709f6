import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import type { LockSession } from '../database/advisory-locks.js';
import { prepared } from '../database/prepared.js';
import { Sql } from '../database/sql.js';
import { activityScoreSql } from './activity-score.js';

/** A lead's score as lead_scores holds it (migration 0011). */
export interface LeadScoreRecord {
  leadId: string;
  activityScore: number;
  calculatedAt: Date;
}

/** A lead whose score an interaction change rewrote: before and after, and its assignee. */
export interface ScoreChange {
  leadId: string;
  assignedToId: string | null;
  previous: number;
  score: number;
}

/**
 * The activity score of some leads, computed from their interactions by PostgreSQL in one
 * statement (an aggregate per lead over interactions_by_lead), at one instant, and written with
 * the time it was computed; the score it replaces comes back, for lead.score_changed. The lead's
 * own row is not touched: a score is not an edit.
 */
const RESCORE = prepared(
  `UPDATE lead_scores t SET activity_score = s.score, calculated_at = $3::timestamptz
   FROM (
     SELECT o.lead_id, o.activity_score AS previous, l.assigned_to_id,
       ${activityScoreSql('i', '$3::timestamptz')} AS score
     FROM lead_scores o
     JOIN leads l ON l.company_id = o.company_id AND l.id = o.lead_id
     LEFT JOIN interactions i ON i.lead_id = o.lead_id AND i.company_id = o.company_id
     WHERE o.company_id = $2 AND o.lead_id = ANY($1::uuid[])
     GROUP BY o.lead_id, o.activity_score, l.assigned_to_id
   ) s
   WHERE t.company_id = $2 AND t.lead_id = s.lead_id
   RETURNING t.lead_id AS "leadId", s.assigned_to_id AS "assignedToId", s.previous, s.score`,
);

/**
 * Where the company's next batch ends: the key `limit` leads after `after`, or past the last key
 * when fewer remain. An index-only scan of lead_scores' primary key.
 */
const BATCH_END = prepared(
  `SELECT lead_id AS "end" FROM lead_scores WHERE company_id = $1 AND lead_id > $2::uuid
   ORDER BY lead_id OFFSET $3 - 1 LIMIT 1`,
);

/**
 * The company's scores with keys in (after, end], rewritten with the formula over each lead's
 * interactions, in one statement: a range of lead_scores' primary key, and for each lead one
 * index-only range of interactions_by_lead (tenant, then lead first). A correlated subquery
 * rather than a join of aggregates, so that no misestimate of the range's size can turn the join
 * into a rescan of the whole batch per lead.
 */
const RESCORE_RANGE = prepared(
  `WITH written AS (
    UPDATE lead_scores t SET calculated_at = $4::timestamptz, activity_score = (
      SELECT ${activityScoreSql('i', '$4::timestamptz')} FROM interactions i
      WHERE i.company_id = t.company_id AND i.lead_id = t.lead_id
    )
    WHERE t.company_id = $1 AND t.lead_id > $2::uuid AND t.lead_id <= $3::uuid
      -- A score written after this run began (an interaction change, a new lead) is newer.
      AND t.calculated_at <= $4::timestamptz
      -- So is one an interaction change rewrote while this statement waited for its row: the
      -- statement's snapshot (which this subquery reads) predates that change, so the row it
      -- finds after the wait is not the one it computed from. Skipped: the change's score stands.
      AND t.calculated_at = (
        SELECT o.calculated_at FROM lead_scores o
        WHERE o.company_id = t.company_id AND o.lead_id = t.lead_id
      )
    RETURNING 1
  )
  SELECT count(*)::int AS n FROM written`,
);

const FIND = prepared(
  `SELECT lead_id AS "leadId", activity_score AS "activityScore", calculated_at AS "calculatedAt"
   FROM lead_scores WHERE company_id = $1 AND lead_id = ANY($2::uuid[])`,
);

/** The key before every lead's: a run starts after it. */
export const FIRST_LEAD_KEY = '00000000-0000-0000-0000-000000000000';
/** The key no lead's is after: the last batch ends at it. */
const LAST_LEAD_KEY = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

@Injectable()
export class LeadScoresRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Rescores the company's next `limit` leads after the lead id `after`: finds where the batch
   * ends, then rewrites it in one statement autocommitted on the run's session. Returns how many
   * were written and the key the next batch starts after, null after the last.
   */
  async rescoreBatch(
    session: LockSession,
    companyId: string,
    after: string,
    limit: number,
    at: Date,
  ): Promise<{ written: number; last: string | null }> {
    const [bound] = await session.rows<{ end: string }>(BATCH_END, [companyId, after, limit]);
    const end = bound?.end ?? LAST_LEAD_KEY;
    const [row] = await session.rows<{ n: number }>(RESCORE_RANGE, [companyId, after, end, at]);
    return { written: row.n, last: bound ? end : null };
  }

  /** Inside the change's transaction: every lead rescored, with its score before and after. */
  rescore(
    transaction: Transaction,
    companyId: string,
    leadIds: readonly string[],
    at: Date,
  ): Promise<ScoreChange[]> {
    return this.sql.rows<ScoreChange>(RESCORE, [leadIds, companyId, at], transaction);
  }

  find(companyId: string, leadIds: readonly string[]): Promise<LeadScoreRecord[]> {
    return this.sql.rows<LeadScoreRecord>(FIND, [companyId, leadIds]);
  }
}
