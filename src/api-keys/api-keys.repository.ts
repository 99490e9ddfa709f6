import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { prepared } from '../database/prepared.js';
import { insertRow } from '../database/row-statements.js';
import { Sql } from '../database/sql.js';
import { API_KEY_RECORD_COLUMNS, type ApiKeyRecord } from './api-key.record.js';
import { usableKeySql } from './usable-key.js';

const FIND_USABLE = prepared(usableKeySql('$1', '$2'));
const LIST = prepared(
  `SELECT ${API_KEY_RECORD_COLUMNS} FROM api_keys WHERE company_id = $1
   ORDER BY created_at DESC, id DESC LIMIT $2`,
);
const FIND_LOCKED = prepared(
  `SELECT ${API_KEY_RECORD_COLUMNS} FROM api_keys WHERE id = $1 AND company_id = $2 FOR UPDATE`,
);
const REVOKE = prepared(
  `UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND company_id = $2
   RETURNING ${API_KEY_RECORD_COLUMNS}`,
);
const LIVE_LOCKED = prepared(
  `SELECT id FROM api_keys WHERE company_id = $1 AND revoked_at IS NULL FOR UPDATE`,
);

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly sql: Sql) {}

  async create(
    values: Pick<ApiKeyRecord, 'companyId' | 'name' | 'prefix' | 'scopes' | 'createdById'> & {
      keyHash: string;
    },
    transaction: Transaction,
  ): Promise<ApiKeyRecord> {
    const [statement, params] = insertRow('api_keys', { ...values }, API_KEY_RECORD_COLUMNS);
    const [key] = await this.sql.rows<ApiKeyRecord>(statement, params, transaction);
    return key;
  }

  /** The key as revoked. */
  async revoke(key: Pick<ApiKeyRecord, 'id' | 'companyId'>, transaction: Transaction) {
    const [row] = await this.sql.rows<ApiKeyRecord>(REVOKE, [key.id, key.companyId], transaction);
    return row;
  }

  /** The newest keys, revoked ones included, up to `limit`. */
  list(companyId: string, limit: number): Promise<ApiKeyRecord[]> {
    return this.sql.rows<ApiKeyRecord>(LIST, [companyId, limit]);
  }

  /** The company's key, locked for the change that follows; another company's reads as missing. */
  async findInCompanyForUpdate(
    companyId: string,
    id: string,
    transaction: Transaction,
  ): Promise<ApiKeyRecord | null> {
    const [key] = await this.sql.rows<ApiKeyRecord>(FIND_LOCKED, [id, companyId], transaction);
    return key ?? null;
  }

  /** Live keys of the company, counted with the company's keys locked against a racing create. */
  async countLive(companyId: string, transaction: Transaction): Promise<number> {
    return (await this.sql.rows(LIVE_LOCKED, [companyId], transaction)).length;
  }

  /** The live key of a secret's hash that holds `scope` (see usableKeySql). */
  async findUsable(
    keyHash: string,
    scope: string,
  ): Promise<{ id: string; companyId: string; scopes: string[] } | null> {
    const [key] = await this.sql.rows<{ id: string; companyId: string; scopes: string[] }>(
      FIND_USABLE,
      [keyHash, scope],
    );
    return key ?? null;
  }

  /** Records a use, unless one was recorded less than a minute ago. */
  async touch(id: string): Promise<void> {
    await this.sql.rows(
      prepared(`UPDATE api_keys SET last_used_at = now()
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`),
      [id],
    );
  }
}
