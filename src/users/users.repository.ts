import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { SortDirection } from '../common/graphql/sort-direction.enum.js';
import type { SqlParams } from '../common/pagination/keyset.js';
import { prepared } from '../database/prepared.js';
import { RecordList, type RecordListSpec } from '../database/record-list.js';
import { insertRow, updateRow } from '../database/row-statements.js';
import { Sql } from '../database/sql.js';
import { Role } from '../auth/role.enum.js';
import {
  ACCOUNT_RECORD_COLUMNS,
  USER_RECORD_COLUMNS,
  type AccountRecord,
  type UserRecord,
} from './user.record.js';

export interface NewUser {
  companyId: string;
  email: string;
  passwordHash: string;
  firstName: string;
  lastName: string;
  role: Role;
}

/** The users list takes no filter: every user of the company. */
export type UserFilter = Record<string, never>;

/** Its one order: oldest first (users_company_page). */
export type UserOrderField = 'CREATED_AT';

export const USERS_OLDEST_FIRST = {
  field: 'CREATED_AT' as UserOrderField,
  direction: SortDirection.ASC,
};

/** The users list, declared once: the company's users by (created_at, id) on users_company_page. */
const USER_LIST: RecordListSpec<UserRecord, UserFilter, UserOrderField> = {
  table: 'users',
  columns: USER_RECORD_COLUMNS,
  where: (companyId: string, _filter: UserFilter, params: SqlParams) => [
    `company_id = ${params.add(companyId)}::uuid`,
  ],
  sorts: {
    CREATED_AT: [
      { sql: 'created_at', type: 'timestamptz', value: (u) => u.createdAt.toISOString() },
    ],
  },
};

const FIND = prepared(`SELECT ${USER_RECORD_COLUMNS} FROM users WHERE id = $1`);
// lower(email) matches the unique index users_email_unique.
const FIND_ACCOUNT = prepared(
  `SELECT ${ACCOUNT_RECORD_COLUMNS} FROM users WHERE lower(email) = $1`,
);
const FIND_IN_COMPANY_LOCKED = prepared(
  `SELECT ${USER_RECORD_COLUMNS} FROM users WHERE id = $1 AND company_id = $2 FOR UPDATE`,
);
const INSERT_COMPANY = prepared(`INSERT INTO companies (name) VALUES ($1) RETURNING id, name`);

@Injectable()
export class UsersRepository {
  /** page and count of the users list. */
  readonly list: RecordList<UserRecord, UserFilter, UserOrderField>;

  constructor(private readonly sql: Sql) {
    this.list = new RecordList(sql, USER_LIST);
  }

  /** Sign-up's company: users/ writes it, as the tenant its first user belongs to. */
  async createCompany(
    name: string,
    transaction: Transaction,
  ): Promise<{ id: string; name: string }> {
    const [company] = await this.sql.rows<{ id: string; name: string }>(
      INSERT_COMPANY,
      [name],
      transaction,
    );
    return company;
  }

  /** The company and, by its foreign keys' cascade, everything in it (the seed's --reset). */
  async deleteCompany(id: string): Promise<void> {
    await this.sql.rows(prepared('DELETE FROM companies WHERE id = $1'), [id]);
  }

  async create(values: NewUser, transaction: Transaction): Promise<UserRecord> {
    const [statement, params] = insertRow('users', { ...values }, USER_RECORD_COLUMNS);
    const [user] = await this.sql.rows<UserRecord>(statement, params, transaction);
    return user;
  }

  /** The account of an e-mail, with its password hash: signing in, and sign-up's taken check. */
  async findByEmail(email: string): Promise<AccountRecord | null> {
    const [row] = await this.sql.rows<AccountRecord>(FIND_ACCOUNT, [email.toLowerCase()]);
    return row ?? null;
  }

  /** By id alone, in any company: the auth guard's hot path, and the refresh of a session. */
  async findRecord(id: string, transaction?: Transaction): Promise<UserRecord | null> {
    const [row] = await this.sql.rows<UserRecord>(FIND, [id], transaction);
    return row ?? null;
  }

  /** Company-scoped and locked for the change that follows: another company's user reads as missing. */
  async findInCompanyForUpdate(
    companyId: string,
    id: string,
    transaction: Transaction,
  ): Promise<UserRecord | null> {
    const [row] = await this.sql.rows<UserRecord>(
      FIND_IN_COMPANY_LOCKED,
      [id, companyId],
      transaction,
    );
    return row ?? null;
  }

  /** The user as written: the new role, or deactivated. */
  async change(
    user: Pick<UserRecord, 'id' | 'companyId'>,
    changes: Partial<Pick<UserRecord, 'role' | 'isActive'>>,
    transaction: Transaction,
  ): Promise<UserRecord> {
    const [statement, params] = updateRow('users', user, changes, USER_RECORD_COLUMNS);
    const [row] = await this.sql.rows<UserRecord>(statement, params, transaction);
    return row;
  }

  /** The ids among `ids` of the company's active users. */
  async activeIdsWithRole(companyId: string, role: Role): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(
      prepared(
        'SELECT id FROM users WHERE company_id = $1 AND role = $2 AND is_active ORDER BY created_at, id',
      ),
      [companyId, role],
    );
    return rows.map((row) => row.id);
  }

  findInCompanyByIds(companyId: string, ids: readonly string[]): Promise<UserRecord[]> {
    return this.sql.rows<UserRecord>(
      prepared(
        `SELECT ${USER_RECORD_COLUMNS} FROM users WHERE company_id = $1 AND id = ANY($2::uuid[])`,
      ),
      [companyId, ids],
    );
  }

  /** Active admins of the company, locked so two demotions cannot race past the last-admin rule. */
  async countActiveAdmins(companyId: string, transaction: Transaction): Promise<number> {
    const rows = await this.sql.rows<{ id: string }>(
      prepared(`SELECT id FROM users WHERE company_id = $1 AND role = $2 AND is_active FOR UPDATE`),
      [companyId, Role.ADMIN],
      transaction,
    );
    return rows.length;
  }
}
