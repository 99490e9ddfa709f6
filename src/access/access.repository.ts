import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { prepared, type Prepared } from '../database/prepared.js';
import { Sql } from '../database/sql.js';
import type { Resource } from './record-permission.js';

/** A record as access rules see it: whose it is (its assignee; a comment's author). */
export interface AccessRef {
  id: string;
  ownerId: string | null;
}

/**
 * One statement per resource: the live records of a company among many ids. It reads the tables
 * of the features directly, so that access/ imports none of them and they all import access/.
 */
const LIVE: Readonly<Record<Resource, string>> = {
  Lead: `SELECT id, assigned_to_id AS "ownerId" FROM leads
         WHERE company_id = $1 AND id = ANY($2::uuid[]) AND deleted_at IS NULL`,
  Deal: `SELECT id, assigned_to_id AS "ownerId" FROM deals
         WHERE company_id = $1 AND id = ANY($2::uuid[]) AND deleted_at IS NULL`,
  Task: `SELECT id, assigned_to_id AS "ownerId" FROM tasks
         WHERE company_id = $1 AND id = ANY($2::uuid[]) AND deleted_at IS NULL`,
  // A comment lives while the lead or deal it is on does.
  Comment: `SELECT c.id, c.author_id AS "ownerId" FROM comments c
            LEFT JOIN leads l ON l.id = c.lead_id AND l.company_id = c.company_id
            LEFT JOIN deals d ON d.id = c.deal_id AND d.company_id = c.company_id
            WHERE c.company_id = $1 AND c.id = ANY($2::uuid[])
              AND l.deleted_at IS NULL AND d.deleted_at IS NULL`,
};

/** Inside a transaction the rows stay locked until it ends (only the record's own row). */
const LOCK: Readonly<Record<Resource, string>> = {
  Lead: 'FOR UPDATE',
  Deal: 'FOR UPDATE',
  Task: 'FOR UPDATE',
  Comment: 'FOR UPDATE OF c',
};

/** Each resource's statement without and with its lock, prepared: every checked write sends one. */
const STATEMENTS = Object.fromEntries(
  (Object.keys(LIVE) as Resource[]).map((resource) => [
    resource,
    {
      read: prepared(LIVE[resource]),
      locked: prepared(`${LIVE[resource]} ${LOCK[resource]}`),
    },
  ]),
) as Readonly<Record<Resource, { read: Prepared; locked: Prepared }>>;

const ACTIVE_USERS = prepared(
  'SELECT id FROM users WHERE company_id = $1 AND id = ANY($2::uuid[]) AND is_active',
);

@Injectable()
export class AccessRepository {
  constructor(private readonly sql: Sql) {}

  /** The live records of `resource` among `ids`; locked FOR UPDATE when inside a transaction. */
  live(
    resource: Resource,
    companyId: string,
    ids: readonly string[],
    transaction?: Transaction,
  ): Promise<AccessRef[]> {
    const { read, locked } = STATEMENTS[resource];
    return this.sql.rows<AccessRef>(transaction ? locked : read, [companyId, ids], transaction);
  }

  /** Which of `ids` are active users of the company: who a record may be given to. */
  async activeUsers(companyId: string, ids: readonly string[]): Promise<Set<string>> {
    const rows = await this.sql.rows<{ id: string }>(ACTIVE_USERS, [companyId, ids]);
    return new Set(rows.map((row) => row.id));
  }
}
