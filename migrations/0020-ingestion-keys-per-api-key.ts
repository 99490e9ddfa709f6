import type { Sequelize, Transaction } from 'sequelize';
import { refuseCrossTenantRows } from './cross-tenant-references.js';

// Two changes to the ingestion journal (0007), one migration since they touch the same keys:
//
// 1. An Idempotency-Key is scoped to the API key that sent it, as the IETF Idempotency-Key draft
//    scopes a key to its client: two forms of one company that happen to use the same key (a
//    counter, a date) are two independent submissions, not a 409/422 for the second. A duplicate
//    lead is still prevented by the e-mail rule (the second merges). leads_idempotency is re-keyed
//    by (company_id, api_key_id, key); existing claims get the API key of the journal row holding
//    them. A claim whose row lost its key (the key was deleted: ON DELETE SET NULL) is dropped:
//    nobody can send with that key again, so nobody can resend under the claim.
//
// 2. The journal's references become tenant keys (see 0005): leads_raw.api_key_id and the new
//    leads_idempotency.api_key_id point at api_keys (id, company_id), leads_idempotency.raw_id at
//    leads_raw (id, company_id), so that PostgreSQL itself refuses a submission stored under
//    another company's key, or a claim on another company's submission. Added NOT VALID here
//    (new rows are checked at once); 0021 validates the existing ones in a transaction of its own,
//    whose scans block no writes.
//
// leads_raw gains a unique (id, company_id) for the reference to point at: one more index entry
// per submission, the price 0005 paid for leads and users.

/** The references made composite, and how many rows of each point into another company now. */
const REFERENCES = [
  {
    name: 'leads_raw.api_key_id → api_keys',
    count: `SELECT count(*)::int AS n FROM leads_raw c JOIN api_keys p ON p.id = c.api_key_id WHERE p.company_id <> c.company_id`,
  },
  {
    name: 'leads_idempotency.raw_id → leads_raw',
    count: `SELECT count(*)::int AS n FROM leads_idempotency c JOIN leads_raw p ON p.id = c.raw_id WHERE p.company_id <> c.company_id`,
  },
];

const UP = /* sql */ `
ALTER TABLE leads_idempotency ADD COLUMN api_key_id uuid;
UPDATE leads_idempotency i SET api_key_id = r.api_key_id FROM leads_raw r WHERE r.id = i.raw_id;
DELETE FROM leads_idempotency WHERE api_key_id IS NULL;
-- (company_id, key) → (company_id, api_key_id, key) is finer: the backfilled rows cannot collide.
ALTER TABLE leads_idempotency ALTER COLUMN api_key_id SET NOT NULL,
  DROP CONSTRAINT leads_idempotency_pkey,
  ADD CONSTRAINT leads_idempotency_pkey PRIMARY KEY (company_id, api_key_id, key);

ALTER TABLE leads_raw ADD CONSTRAINT leads_raw_id_company UNIQUE (id, company_id);
ALTER TABLE leads_raw DROP CONSTRAINT leads_raw_api_key_id_fkey,
  ADD CONSTRAINT leads_raw_api_key_same_company FOREIGN KEY (api_key_id, company_id)
    REFERENCES api_keys (id, company_id) ON DELETE SET NULL (api_key_id) NOT VALID;
ALTER TABLE leads_idempotency DROP CONSTRAINT leads_idempotency_raw_id_fkey,
  ADD CONSTRAINT leads_idempotency_raw_same_company FOREIGN KEY (raw_id, company_id)
    REFERENCES leads_raw (id, company_id) ON DELETE CASCADE NOT VALID,
  -- A deleted key takes its claims along (as its rows lose their key): nothing can resend under them.
  ADD CONSTRAINT leads_idempotency_api_key_same_company FOREIGN KEY (api_key_id, company_id)
    REFERENCES api_keys (id, company_id) ON DELETE CASCADE NOT VALID;
`;

/** Refuses to start on rows that already point into another company (see 0005). */
export async function up(sequelize: Sequelize, transaction: Transaction): Promise<void> {
  await refuseCrossTenantRows(sequelize, transaction, REFERENCES);
  await sequelize.query(UP, { transaction });
}

// Back to one claim per company and key: where several API keys claimed one key, the oldest claim
// stays (the one 0007's rule would have let through) and the others are forgotten — their
// submissions stay in the journal, a resend of them is merged by its e-mail.
export const down = /* sql */ `
ALTER TABLE leads_idempotency DROP CONSTRAINT leads_idempotency_api_key_same_company,
  DROP CONSTRAINT leads_idempotency_raw_same_company,
  ADD CONSTRAINT leads_idempotency_raw_id_fkey FOREIGN KEY (raw_id)
    REFERENCES leads_raw (id) ON DELETE CASCADE;
ALTER TABLE leads_raw DROP CONSTRAINT leads_raw_api_key_same_company,
  ADD CONSTRAINT leads_raw_api_key_id_fkey FOREIGN KEY (api_key_id)
    REFERENCES api_keys (id) ON DELETE SET NULL;
ALTER TABLE leads_raw DROP CONSTRAINT leads_raw_id_company;
DELETE FROM leads_idempotency i USING leads_idempotency o
  WHERE o.company_id = i.company_id AND o.key = i.key
    AND (o.created_at, o.raw_id) < (i.created_at, i.raw_id);
ALTER TABLE leads_idempotency DROP CONSTRAINT leads_idempotency_pkey,
  ADD CONSTRAINT leads_idempotency_pkey PRIMARY KEY (company_id, key),
  DROP COLUMN api_key_id;
`;
