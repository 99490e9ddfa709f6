import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { prepared } from '../../database/prepared.js';
import { insertRow } from '../../database/row-statements.js';
import { Sql } from '../../database/sql.js';
import { REFRESH_TOKEN_RECORD_COLUMNS, type RefreshTokenRecord } from './refresh-token.record.js';

const FIND = prepared(
  `SELECT ${REFRESH_TOKEN_RECORD_COLUMNS} FROM refresh_tokens WHERE token_hash = $1`,
);
const FIND_LOCKED = prepared(
  `SELECT ${REFRESH_TOKEN_RECORD_COLUMNS} FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
);
const MARK_REPLACED = prepared(
  `UPDATE refresh_tokens SET revoked_at = now(), replaced_by_id = $2 WHERE id = $1`,
);
const REVOKE_FAMILY = prepared(
  `UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`,
);
// On refresh_tokens_user_live.
const REVOKE_USER = prepared(
  `UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
);

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

  async create(
    values: Pick<RefreshTokenRecord, 'userId' | 'familyId' | 'tokenHash' | 'expiresAt'>,
    transaction?: Transaction,
  ): Promise<RefreshTokenRecord> {
    const [statement, params] = insertRow(
      'refresh_tokens',
      { ...values },
      REFRESH_TOKEN_RECORD_COLUMNS,
    );
    const [row] = await this.sql.rows<RefreshTokenRecord>(statement, params, transaction);
    return row;
  }

  /** Locks the row so that two concurrent uses of one token cannot both rotate it. */
  async findByHashForUpdate(
    tokenHash: string,
    transaction: Transaction,
  ): Promise<RefreshTokenRecord | null> {
    const [row] = await this.sql.rows<RefreshTokenRecord>(FIND_LOCKED, [tokenHash], transaction);
    return row ?? null;
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    const [row] = await this.sql.rows<RefreshTokenRecord>(FIND, [tokenHash]);
    return row ?? null;
  }

  async markReplaced(
    token: Pick<RefreshTokenRecord, 'id'>,
    replacedById: string,
    transaction: Transaction,
  ): Promise<void> {
    await this.sql.rows(MARK_REPLACED, [token.id, replacedById], transaction);
  }

  async revokeFamily(familyId: string, transaction?: Transaction): Promise<void> {
    await this.sql.rows(REVOKE_FAMILY, [familyId], transaction);
  }

  async revokeAllForUser(userId: string, transaction?: Transaction): Promise<void> {
    await this.sql.rows(REVOKE_USER, [userId], transaction);
  }
}
