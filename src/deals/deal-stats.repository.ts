import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { SqlParams } from '../common/pagination/keyset.js';
import { prepared } from '../database/prepared.js';
import { Sql } from '../database/sql.js';
import type { DealStage } from './deal-enums.js';

export interface CreatedRange {
  from?: Date;
  to?: Date;
}

/** One (stage, currency) group of the company's live deals. */
export interface StageCurrencyRow {
  stage: DealStage;
  currency: string;
  count: number;
  totalValue: string;
  scoreSum: number;
}

/** One currency of a user's live deals. */
export interface CurrencyOutcomeRow {
  currency: string;
  open: number;
  won: number;
  lost: number;
  totalValue: string;
  wonValue: string;
}

const VERSION = prepared('SELECT version FROM deal_stats_versions WHERE company_id = $1');
// The row stays locked until the write commits: one company's deal writes queue on it for the
// rest of their transactions (an audit row), never while they hold other locks they then wait on.
const BUMP = prepared(
  `INSERT INTO deal_stats_versions AS v (company_id) VALUES ($1)
   ON CONFLICT (company_id) DO UPDATE SET version = v.version + 1`,
);

/** The grouped sums the statistics are made of, over the deals_stats index (migration 0016). */
@Injectable()
export class DealStatsRepository {
  constructor(private readonly sql: Sql) {}

  /** The company's current version of its deals; 0 before the first write. */
  async version(companyId: string): Promise<string> {
    const [row] = await this.sql.rows<{ version: string }>(VERSION, [companyId]);
    return row?.version ?? '0';
  }

  async bump(companyId: string, transaction: Transaction): Promise<void> {
    await this.sql.rows(BUMP, [companyId], transaction);
  }

  byStageAndCurrency(companyId: string, range: CreatedRange): Promise<StageCurrencyRow[]> {
    const params = new SqlParams();
    const where = this.where(companyId, range, params);
    return this.sql.rows<StageCurrencyRow>(
      `SELECT stage, currency, count(*)::int AS count, coalesce(sum(value), 0.00)::text AS "totalValue",
         sum(lead_score)::int AS "scoreSum"
       FROM deals WHERE ${where.join(' AND ')} GROUP BY stage, currency`,
      params.values,
    );
  }

  outcomesOf(
    companyId: string,
    userId: string,
    range: CreatedRange,
  ): Promise<CurrencyOutcomeRow[]> {
    const params = new SqlParams();
    const where = this.where(companyId, range, params);
    where.push(`assigned_to_id = ${params.add(userId)}::uuid`);
    return this.sql.rows<CurrencyOutcomeRow>(
      `SELECT currency,
         count(*) FILTER (WHERE stage NOT IN ('CLOSED_WON', 'CLOSED_LOST'))::int AS open,
         count(*) FILTER (WHERE stage = 'CLOSED_WON')::int AS won,
         count(*) FILTER (WHERE stage = 'CLOSED_LOST')::int AS lost,
         coalesce(sum(value), 0.00)::text AS "totalValue",
         coalesce(sum(value) FILTER (WHERE stage = 'CLOSED_WON'), 0.00)::text AS "wonValue"
       FROM deals WHERE ${where.join(' AND ')} GROUP BY currency`,
      params.values,
    );
  }

  private where(companyId: string, range: CreatedRange, params: SqlParams): string[] {
    const where = [`company_id = ${params.add(companyId)}::uuid`, 'deleted_at IS NULL'];
    if (range.from) where.push(`created_at >= ${params.add(range.from)}::timestamptz`);
    if (range.to) where.push(`created_at < ${params.add(range.to)}::timestamptz`);
    return where;
  }
}
