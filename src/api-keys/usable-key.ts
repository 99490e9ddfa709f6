/**
 * What makes a presented key good: its hash is known, it is not revoked, it holds the scope. One
 * SELECT (id, "companyId", scopes), owned here and embedded by statements that authenticate as part
 * of their work — ingestion stores a submission in the same round trip, so that a new lead costs
 * three waits for PostgreSQL, not four — so that the rule is written once. `hash` and `scope` name
 * its parameters.
 */
export const usableKeySql = (hash: string, scope: string): string =>
  `SELECT id, company_id AS "companyId", scopes FROM api_keys
   WHERE key_hash = ${hash}::text AND revoked_at IS NULL AND ${scope}::text = ANY (scopes)`;
