import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
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

@Injectable()
export class LeadScoresRepository {
  constructor(private readonly sql: Sql) {}

  /** Inside the change's transaction, sent behind it (Sql.send): no round trip of its own. */
  rescore(transaction: Transaction, companyId: string, leadIds: readonly string[], at: Date): void {
    this.sql.send(transaction, RESCORE, [leadIds, companyId, at]);
  }
}
