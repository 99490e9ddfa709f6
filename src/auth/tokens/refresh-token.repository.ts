import { Injectable } from '@nestjs/common';
import { Op, Transaction } from 'sequelize';
import { prepared } from '../../database/prepared.js';
import { Sql } from '../../database/sql.js';
import { RefreshToken } from '../refresh-token.model.js';

@Injectable()
export class RefreshTokenRepository {
  constructor(private readonly sql: Sql) {}

  /** One indexed probe (refresh_tokens_family), on the guard's path when the cache misses. */
  async isFamilyLive(userId: string, familyId: string): Promise<boolean> {
    const [row] = await this.sql.rows<{ live: boolean }>(
      prepared(`SELECT EXISTS (SELECT 1 FROM refresh_tokens WHERE family_id = $1 AND user_id = $2
         AND revoked_at IS NULL AND expires_at > now()) AS live`),
      [familyId, userId],
    );
    return row.live;
  }

  create(
    values: { userId: string; familyId: string; tokenHash: string; expiresAt: Date },
    transaction?: Transaction,
  ): Promise<RefreshToken> {
    return RefreshToken.create(values, { transaction });
  }

  /** Locks the row so that two concurrent uses of one token cannot both rotate it. */
  findByHashForUpdate(tokenHash: string, transaction: Transaction): Promise<RefreshToken | null> {
    return RefreshToken.findOne({
      where: { tokenHash },
      transaction,
      lock: transaction.LOCK.UPDATE,
    });
  }

  findByHash(tokenHash: string): Promise<RefreshToken | null> {
    return RefreshToken.findOne({ where: { tokenHash } });
  }

  async markReplaced(
    token: RefreshToken,
    replacedById: string,
    transaction: Transaction,
  ): Promise<void> {
    await token.update({ revokedAt: new Date(), replacedById }, { transaction });
  }

  async revokeFamily(familyId: string, transaction?: Transaction): Promise<void> {
    await RefreshToken.update(
      { revokedAt: new Date() },
      { where: { familyId, revokedAt: { [Op.is]: null } }, transaction },
    );
  }

  async revokeAllForUser(userId: string, transaction?: Transaction): Promise<void> {
    await RefreshToken.update(
      { revokedAt: new Date() },
      { where: { userId, revokedAt: { [Op.is]: null } }, transaction },
    );
  }
}
