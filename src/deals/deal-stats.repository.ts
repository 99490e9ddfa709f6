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

/** The grouped sums the statistics are made of (migration 0016). */
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

  /** Without a range, from deal_totals (a few rows); with one, from the deals it covers. */
  byStageAndCurrency(companyId: string, range: CreatedRange): Promise<StageCurrencyRow[]> {
    const params = new SqlParams();
    const [from, count] = this.source(companyId, range, params);
    return this.sql.rows<StageCurrencyRow>(
      `SELECT stage, currency, ${count.deals}::int AS count,
         round(coalesce(${count.value}, 0), 2)::text AS "totalValue", ${count.score}::float8 AS "scoreSum"
       FROM ${from} GROUP BY stage, currency HAVING ${count.deals} > 0`,
      params.values,
    );
  }

  outcomesOf(
    companyId: string,
    userId: string,
    range: CreatedRange,
  ): Promise<CurrencyOutcomeRow[]> {
    const params = new SqlParams();
    const [from, count] = this.source(companyId, range, params, userId);
    const closed = (stage: string) => `FILTER (WHERE stage = '${stage}')`;
    return this.sql.rows<CurrencyOutcomeRow>(
      `SELECT currency,
         coalesce(${count.deals} FILTER (WHERE stage NOT IN ('CLOSED_WON', 'CLOSED_LOST')), 0)::int AS open,
         coalesce(${count.deals} ${closed('CLOSED_WON')}, 0)::int AS won,
         coalesce(${count.deals} ${closed('CLOSED_LOST')}, 0)::int AS lost,
         round(coalesce(${count.value}, 0), 2)::text AS "totalValue",
         round(coalesce(${count.value} ${closed('CLOSED_WON')}, 0), 2)::text AS "wonValue"
       FROM ${from} GROUP BY currency HAVING ${count.deals} > 0`,
      params.values,
    );
  }

  /**
   * What the statistics aggregate, and how: deal_totals' rows (sums of sums) when every live deal
   * counts, the deals themselves (deals_stats_by_created) in a range. Aggregates of no rows are
   * null: the callers coalesce.
   */
  private source(
    companyId: string,
    range: CreatedRange,
    params: SqlParams,
    assignee?: string,
  ): [string, { deals: string; value: string; score: string }] {
    const where = [`company_id = ${params.add(companyId)}::uuid`];
    if (!range.from && !range.to) {
      if (assignee) where.push(`assignee = ${params.add(assignee)}::uuid`);
      return [
        `deal_totals WHERE ${where.join(' AND ')}`,
        { deals: 'sum(deals)', value: 'sum(total_value)', score: 'sum(score_sum)' },
      ];
    }
    where.push('deleted_at IS NULL');
    if (range.from) where.push(`created_at >= ${params.add(range.from)}::timestamptz`);
    if (range.to) where.push(`created_at < ${params.add(range.to)}::timestamptz`);
    if (assignee) where.push(`assigned_to_id = ${params.add(assignee)}::uuid`);
    return [
      `deals WHERE ${where.join(' AND ')}`,
      { deals: 'count(*)', value: 'sum(value)', score: 'sum(lead_score)' },
    ];
  }
}
