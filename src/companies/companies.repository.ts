import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { prepared } from '../database/prepared.js';
import { Sql } from '../database/sql.js';

export interface CompanyRecord {
  id: string;
  name: string;
  currency: string;
}

const FIND = prepared(`SELECT id, name, currency FROM companies WHERE id = $1`);
// NO KEY: the rows that reference the company (a deal written meanwhile) need not wait for it.
const SET_CURRENCY = prepared(
  `UPDATE companies c SET currency = $2, updated_at = now()
   FROM (SELECT currency FROM companies WHERE id = $1 FOR NO KEY UPDATE) before
   WHERE c.id = $1
   RETURNING c.id, c.name, c.currency, before.currency AS previous`,
);

@Injectable()
export class CompaniesRepository {
  constructor(private readonly sql: Sql) {}

  async find(id: string): Promise<CompanyRecord | null> {
    const [row] = await this.sql.rows<CompanyRecord>(FIND, [id]);
    return row ?? null;
  }

  /** The company after the change, and the currency it had. */
  async setCurrency(
    transaction: Transaction,
    id: string,
    currency: string,
  ): Promise<{ company: CompanyRecord; previous: string }> {
    const [row] = await this.sql.rows<CompanyRecord & { previous: string }>(
      SET_CURRENCY,
      [id, currency],
      transaction,
    );
    const { previous, ...company } = row;
    return { company, previous };
  }
}
