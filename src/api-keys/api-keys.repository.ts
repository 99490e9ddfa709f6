import { Injectable } from '@nestjs/common';
import { Transaction } from 'sequelize';
import { ApiKey } from './models/api-key.model.js';

@Injectable()
export class ApiKeysRepository {
  create(
    values: Pick<ApiKey, 'companyId' | 'name' | 'prefix' | 'keyHash' | 'scopes' | 'createdById'>,
    transaction: Transaction,
  ): Promise<ApiKey> {
    return ApiKey.create({ ...values }, { transaction });
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

  findByHash(keyHash: string): Promise<ApiKey | null> {
    return ApiKey.findOne({ where: { keyHash } });
  }

  async touch(id: string): Promise<void> {
    await ApiKey.update({ lastUsedAt: new Date() }, { where: { id } });
  }
}
