import { Injectable } from '@nestjs/common';
import { Transaction } from 'sequelize';
import { Sql } from '../database/sql.js';
import { ApiKey } from './api-key.model.js';
import { usableKeySql } from './usable-key.js';

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly sql: Sql) {}

  create(
    values: Pick<ApiKey, 'companyId' | 'name' | 'prefix' | 'keyHash' | 'scopes' | 'createdById'>,
    transaction: Transaction,
  ): Promise<ApiKey> {
    return ApiKey.create({ ...values }, { transaction });
  }

  /** The key, revoked in place: the caller holds the instance the lookup returned. */
  async revoke(key: ApiKey, transaction: Transaction): Promise<void> {
    await key.update({ revokedAt: new Date() }, { transaction });
  }

  /** The newest keys, revoked ones included, up to `limit`. */
  list(companyId: string, limit: number): Promise<ApiKey[]> {
    return ApiKey.findAll({
      where: { companyId },
      limit,
      order: [
        ['createdAt', 'DESC'],
        ['id', 'DESC'],
      ],
    });
  }

  findInCompany(companyId: string, id: string, transaction?: Transaction): Promise<ApiKey | null> {
    return ApiKey.findOne({
      where: { companyId, id },
      transaction,
      lock: transaction?.LOCK.UPDATE,
    });
  }

  /** Live keys of the company, counted with the company's keys locked against a racing create. */
  async countLive(companyId: string, transaction: Transaction): Promise<number> {
    const rows = await ApiKey.findAll({
      attributes: ['id'],
      where: { companyId, revokedAt: null },
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
    return rows.length;
  }

  /** The live key of a secret's hash that holds `scope` (see usableKeySql). */
  async findUsable(
    keyHash: string,
    scope: string,
  ): Promise<{ id: string; companyId: string; scopes: string[] } | null> {
    const [key] = await this.sql.rows<{ id: string; companyId: string; scopes: string[] }>(
      usableKeySql('$1', '$2'),
      [keyHash, scope],
    );
    return key ?? null;
  }

  /** Records a use, unless one was recorded less than a minute ago. */
  async touch(id: string): Promise<void> {
    await this.sql.rows(
      `UPDATE api_keys SET last_used_at = now()
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}
