// The foreign keys into leads_idempotency are followed on every delete of what they point at: a
// lead purged (its claims go with it) and a journal row removed (by retention, or with its lead).
// Without an index each such delete read the whole table. Not CONCURRENTLY (each migration is one
// transaction): the table came with 0007, in the same release, and is small or empty when this runs.
export const up = /* sql */ `
CREATE INDEX leads_idempotency_by_raw ON leads_idempotency (raw_id);
CREATE INDEX leads_idempotency_by_lead ON leads_idempotency (lead_id) WHERE lead_id IS NOT NULL;
`;

export const down = /* sql */ `
DROP INDEX leads_idempotency_by_lead;
DROP INDEX leads_idempotency_by_raw;
`;
