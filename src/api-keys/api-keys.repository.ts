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

  list(companyId: string): Promise<ApiKey[]> {
    return ApiKey.findAll({
      where: { companyId },
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

  findByHash(keyHash: string): Promise<ApiKey | null> {
    return ApiKey.findOne({ where: { keyHash } });
  }

  async touch(id: string): Promise<void> {
    await ApiKey.update({ lastUsedAt: new Date() }, { where: { id } });
  }
}
