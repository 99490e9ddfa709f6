import { Injectable } from '@nestjs/common';
import type { LockSession } from '../database/advisory-locks.js';
import { prepared } from '../database/prepared.js';
import { Sql } from '../database/sql.js';
import type { RecalculationTrigger } from './scoring.events.js';

const RECORD = prepared(
  `INSERT INTO score_recalculations (company_id, started_at, finished_at, lead_count, trigger)
   VALUES ($1, $2, now(), $3, $4)
   ON CONFLICT (company_id) DO UPDATE SET started_at = EXCLUDED.started_at,
     finished_at = EXCLUDED.finished_at, lead_count = EXCLUDED.lead_count, trigger = EXCLUDED.trigger`,
);

/** Companies never recalculated first, then the longest ago. */
const DUE = prepared(
  `SELECT c.id FROM companies c LEFT JOIN score_recalculations r ON r.company_id = c.id
   WHERE r.finished_at IS NULL OR r.finished_at <= now() - make_interval(hours => $1)
   ORDER BY r.finished_at NULLS FIRST, c.id`,
);

const IS_DUE = prepared(
  `SELECT NOT EXISTS (
     SELECT 1 FROM score_recalculations
     WHERE company_id = $1 AND finished_at > now() - make_interval(hours => $2)
   ) AS due`,
);

/** When each company's scores were last recalculated as a whole (migration 0012). */
@Injectable()
export class ScoreRecalculationsRepository {
  constructor(private readonly sql: Sql) {}

  /** On the run's session, before its lock goes: whoever takes the lock next sees it. */
  async record(
    session: LockSession,
    companyId: string,
    run: { startedAt: Date; count: number; trigger: RecalculationTrigger },
  ): Promise<void> {
    await session.rows(RECORD, [companyId, run.startedAt, run.count, run.trigger]);
  }

  /** The companies whose last recalculation finished `hours` ago or more, or never. */
  async due(hours: number): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(DUE, [hours]);
    return rows.map((row) => row.id);
  }

  async isDue(session: LockSession, companyId: string, hours: number): Promise<boolean> {
    const [row] = await session.rows<{ due: boolean }>(IS_DUE, [companyId, hours]);
    return row.due;
  }
}
