import { column, selectOf, type RowOf } from '../../database/record-columns.js';

/** A refresh token's columns, declared once: the stored hash, never the token. */
export const REFRESH_TOKEN_COLUMNS = {
  id: column<string>('id'),
  userId: column<string>('user_id'),
  familyId: column<string>('family_id'),
  tokenHash: column<string>('token_hash'),
  expiresAt: column<Date>('expires_at'),
  revokedAt: column<Date | null>('revoked_at'),
  replacedById: column<string | null>('replaced_by_id'),
  createdAt: column<Date>('created_at'),
};

export type RefreshTokenRecord = RowOf<typeof REFRESH_TOKEN_COLUMNS>;

/** SELECT list producing a RefreshTokenRecord from the refresh_tokens table. */
export const REFRESH_TOKEN_RECORD_COLUMNS = selectOf(REFRESH_TOKEN_COLUMNS);
