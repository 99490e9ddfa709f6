import { prepared } from '../database/prepared.js';
import { Injectable } from '@nestjs/common';
import { Sql } from '../database/sql.js';
import { LeadRouting } from './lead-routing.enum.js';

@Injectable()
export class LeadRoutingRepository {
  constructor(private readonly sql: Sql) {}

  async modeOf(companyId: string): Promise<LeadRouting> {
    const [row] = await this.sql.rows<{ mode: LeadRouting }>(
      prepared('SELECT mode FROM ingestion_routing WHERE company_id = $1'),
      [companyId],
    );
    return row?.mode ?? LeadRouting.NOBODY;
  }

  async setMode(companyId: string, mode: LeadRouting): Promise<void> {
    await this.sql.rows(
      prepared(`INSERT INTO ingestion_routing (company_id, mode) VALUES ($1, $2)
       ON CONFLICT (company_id) DO UPDATE SET mode = EXCLUDED.mode`),
      [companyId, mode],
    );
  }

  /** The next turn of the company's round robin: a counter, taken in one short statement. */
  async nextTurn(companyId: string): Promise<number> {
    const [row] = await this.sql.rows<{ cursor: string }>(
      prepared(
        'UPDATE ingestion_routing SET cursor = cursor + 1 WHERE company_id = $1 RETURNING cursor',
      ),
      [companyId],
    );
    return row ? Number(row.cursor) - 1 : 0;
  }

  async keyAssignee(companyId: string, apiKeyId: string): Promise<string | null> {
    const [row] = await this.sql.rows<{ userId: string }>(
      prepared(
        `SELECT user_id AS "userId" FROM ingestion_key_assignees WHERE api_key_id = $1 AND company_id = $2`,
      ),
      [apiKeyId, companyId],
    );
    return row?.userId ?? null;
  }

  async setKeyAssignee(companyId: string, apiKeyId: string, userId: string | null): Promise<void> {
    if (userId === null) {
      await this.sql.rows(
        prepared('DELETE FROM ingestion_key_assignees WHERE api_key_id = $1 AND company_id = $2'),
        [apiKeyId, companyId],
      );
      return;
    }
    await this.sql.rows(
      prepared(`INSERT INTO ingestion_key_assignees (api_key_id, company_id, user_id) VALUES ($1, $2, $3)
       ON CONFLICT (api_key_id) DO UPDATE SET user_id = EXCLUDED.user_id`),
      [apiKeyId, companyId, userId],
    );
  }
}
