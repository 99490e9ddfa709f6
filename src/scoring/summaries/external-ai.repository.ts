import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { prepared } from '../../database/prepared.js';
import { Sql } from '../../database/sql.js';

const ALLOWED = prepared(`SELECT external_ai_allowed AS allowed FROM companies WHERE id = $1`);
const SET = prepared(
  `UPDATE companies c SET external_ai_allowed = $2, updated_at = now()
   FROM (SELECT external_ai_allowed FROM companies WHERE id = $1 FOR UPDATE) before
   WHERE c.id = $1 RETURNING before.external_ai_allowed AS previous`,
);

/** The company's say on lead data going to the external AI provider (companies.external_ai_allowed). */
@Injectable()
export class ExternalAiRepository {
  constructor(private readonly sql: Sql) {}

  async allowed(companyId: string): Promise<boolean> {
    const [row] = await this.sql.rows<{ allowed: boolean }>(ALLOWED, [companyId]);
    return row?.allowed ?? false;
  }

  /** What it was before. */
  async set(transaction: Transaction, companyId: string, allowed: boolean): Promise<boolean> {
    const [row] = await this.sql.rows<{ previous: boolean }>(
      SET,
      [companyId, allowed],
      transaction,
    );
    return row.previous;
  }
}
