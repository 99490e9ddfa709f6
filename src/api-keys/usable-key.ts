/**
 * What makes a presented key good: its hash is known, it is not revoked, it holds the scope. One
 * SELECT (id, "companyId", scopes), for the statements that authenticate as part of their work
 * (ingestion stores a submission in the same round trip); `hash` and `scope` name its parameters.
 */
export const usableKeySql = (hash: string, scope: string): string =>
  `SELECT id, company_id AS "companyId", scopes FROM api_keys
   WHERE key_hash = ${hash}::text AND revoked_at IS NULL AND ${scope}::text = ANY (scopes)`;
