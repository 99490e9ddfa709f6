import { column, selectOf, type RowOf } from '../database/record-columns.js';

/** An API key's columns as the API lists them, declared once; never the secret's hash. */
export const API_KEY_COLUMNS = {
  id: column<string>('id'),
  companyId: column<string>('company_id'),
  name: column<string>('name'),
  prefix: column<string>('prefix'),
  scopes: column<string[]>('scopes'),
  createdById: column<string | null>('created_by_id'),
  lastUsedAt: column<Date | null>('last_used_at'),
  revokedAt: column<Date | null>('revoked_at'),
  createdAt: column<Date>('created_at'),
};

export type ApiKeyRecord = RowOf<typeof API_KEY_COLUMNS>;

/** SELECT list producing an ApiKeyRecord from the api_keys table. */
export const API_KEY_RECORD_COLUMNS = selectOf(API_KEY_COLUMNS);
