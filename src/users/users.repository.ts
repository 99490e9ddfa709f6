import { Injectable } from '@nestjs/common';
import { Sequelize, Transaction } from 'sequelize';
import { SortDirection } from '../common/graphql/sort-direction.enum.js';
import type { CursorValues } from '../common/pagination/cursor.js';
import { Keyset, SqlParams } from '../common/pagination/keyset.js';
import { prepared } from '../database/prepared.js';
import { Sql } from '../database/sql.js';
import { Role } from '../auth/role.enum.js';
import { Company } from './company.model.js';
import { USER_RECORD_COLUMNS, User, type UserRecord } from './user.model.js';

export interface NewUser {
  companyId: string;
  email: string;
  passwordHash: string;
  firstName: string;
  lastName: string;
  role: Role;
}

export const USER_KEYSET = new Keyset<UserRecord>(
  [{ sql: 'created_at', type: 'timestamptz', value: (u) => u.createdAt.toISOString() }],
  SortDirection.ASC,
);

@Injectable()
export class UsersRepository {
  constructor(private readonly sql: Sql) {}

  createCompany(name: string, transaction: Transaction): Promise<Company> {
    return Company.create({ name }, { transaction });
  }

  create(values: NewUser, transaction: Transaction): Promise<User> {
    return User.create({ ...values }, { transaction });
  }

  findByEmail(email: string): Promise<User | null> {
    // lower(email) matches the unique index users_email_unique.
    return User.findOne({
      where: Sequelize.where(Sequelize.fn('lower', Sequelize.col('email')), email.toLowerCase()),
    });
  }

  findById(id: string, transaction?: Transaction): Promise<User | null> {
    return User.findByPk(id, { transaction });
  }

  /** Company-scoped lookup: another company's user reads as missing. */
  findInCompany(companyId: string, id: string, transaction?: Transaction): Promise<User | null> {
    return User.findOne({ where: { id, companyId }, transaction, lock: transaction?.LOCK.UPDATE });
  }

  /** The user, changed in place: callers hold the instance the lookup returned. */
  async setRole(user: User, role: Role, transaction: Transaction): Promise<void> {
    await user.update({ role }, { transaction });
  }

  async deactivate(user: User, transaction: Transaction): Promise<void> {
    await user.update({ isActive: false }, { transaction });
  }

  /** The ids among `ids` of the company's active users. */
  async activeIdsInCompany(companyId: string, ids: readonly string[]): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(
      'SELECT id FROM users WHERE company_id = $1 AND id = ANY($2::uuid[]) AND is_active',
      [companyId, ids],
    );
    return rows.map((row) => row.id);
  }

  async activeIdsWithRole(companyId: string, role: Role): Promise<string[]> {
    const rows = await this.sql.rows<{ id: string }>(
      'SELECT id FROM users WHERE company_id = $1 AND role = $2 AND is_active ORDER BY created_at, id',
      [companyId, role],
    );
    return rows.map((row) => row.id);
  }

  findInCompanyByIds(companyId: string, ids: readonly string[]): Promise<UserRecord[]> {
    return this.sql.rows<UserRecord>(
      `SELECT ${USER_RECORD_COLUMNS} FROM users WHERE company_id = $1 AND id = ANY($2::uuid[])`,
      [companyId, ids],
    );
  }

  /** The hot path of every authenticated request: one indexed lookup, no model instance. */
  async findRecord(id: string): Promise<UserRecord | null> {
    const [row] = await this.sql.rows<UserRecord>(
      prepared(`SELECT ${USER_RECORD_COLUMNS} FROM users WHERE id = $1`),
      [id],
    );
    return row ?? null;
  }

  /** One keyset page, oldest first, by row comparison on users_company_page. */
  page(companyId: string, limit: number, after?: CursorValues): Promise<UserRecord[]> {
    const params = new SqlParams();
    const where = [`company_id = ${params.add(companyId)}::uuid`];
    if (after) where.push(USER_KEYSET.after(after, params));
    return this.sql.rows<UserRecord>(
      `SELECT ${USER_RECORD_COLUMNS} FROM users WHERE ${where.join(' AND ')} ORDER BY ${USER_KEYSET.orderBy()} LIMIT ${params.add(limit)}`,
      params.values,
    );
  }

  count(companyId: string): Promise<number> {
    return User.count({ where: { companyId } });
  }

  /** Active admins of the company, locked so two demotions cannot race past the last-admin rule. */
  countActiveAdmins(companyId: string, transaction: Transaction): Promise<number> {
    return User.findAll({
      attributes: ['id'],
      where: { companyId, role: Role.ADMIN, isActive: true },
      transaction,
      lock: transaction.LOCK.UPDATE,
    }).then((rows) => rows.length);
  }
}
