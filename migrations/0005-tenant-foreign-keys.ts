import type { Sequelize, Transaction } from 'sequelize';
import { refuseCrossTenantRows } from './cross-tenant-references.js';

// The database itself refuses a row that points into another company: every reference between
// business rows is a composite foreign key (id, company_id), so a child's company_id must be its
// parent's. A nullable reference is cleared with ON DELETE SET NULL (column), which leaves
// company_id alone (PostgreSQL 15 or newer). Tables the next modules add follow the same pattern.
//
// The keys are added NOT VALID here, which checks new rows only and holds its locks briefly, and
// validated by 0006 in a transaction of its own, whose scans block no writes.

/** The references made composite, and how many rows of each point into another company now. */
const REFERENCES = [
  {
    name: 'interactions → leads',
    count: `SELECT count(*)::int AS n FROM interactions c JOIN leads p ON p.id = c.lead_id WHERE p.company_id <> c.company_id`,
  },
  {
    name: 'interactions.created_by → users',
    count: `SELECT count(*)::int AS n FROM interactions c JOIN users p ON p.id = c.created_by_id WHERE p.company_id <> c.company_id`,
  },
  {
    name: 'leads.assigned_to → users',
    count: `SELECT count(*)::int AS n FROM leads c JOIN users p ON p.id = c.assigned_to_id WHERE p.company_id <> c.company_id`,
  },
  {
    name: 'api_keys.created_by → users',
    count: `SELECT count(*)::int AS n FROM api_keys c JOIN users p ON p.id = c.created_by_id WHERE p.company_id <> c.company_id`,
  },
];

const CONSTRAINTS = /* sql */ `
ALTER TABLE users ADD CONSTRAINT users_id_company UNIQUE (id, company_id);
ALTER TABLE leads ADD CONSTRAINT leads_id_company UNIQUE (id, company_id);

ALTER TABLE interactions DROP CONSTRAINT interactions_lead_id_fkey,
  ADD CONSTRAINT interactions_lead_same_company FOREIGN KEY (lead_id, company_id)
    REFERENCES leads (id, company_id) ON DELETE CASCADE NOT VALID,
  DROP CONSTRAINT interactions_created_by_id_fkey,
  ADD CONSTRAINT interactions_creator_same_company FOREIGN KEY (created_by_id, company_id)
    REFERENCES users (id, company_id) ON DELETE SET NULL (created_by_id) NOT VALID;
ALTER TABLE leads DROP CONSTRAINT leads_assigned_to_id_fkey,
  ADD CONSTRAINT leads_assignee_same_company FOREIGN KEY (assigned_to_id, company_id)
    REFERENCES users (id, company_id) ON DELETE SET NULL (assigned_to_id) NOT VALID;
ALTER TABLE api_keys DROP CONSTRAINT api_keys_created_by_id_fkey,
  ADD CONSTRAINT api_keys_creator_same_company FOREIGN KEY (created_by_id, company_id)
    REFERENCES users (id, company_id) ON DELETE SET NULL (created_by_id) NOT VALID;

`;

/** Refuses to start on rows that already point into another company. */
export async function up(sequelize: Sequelize, transaction: Transaction): Promise<void> {
  await refuseCrossTenantRows(sequelize, transaction, REFERENCES);
  await sequelize.query(CONSTRAINTS, { transaction });
}

export const down = /* sql */ `
ALTER TABLE api_keys DROP CONSTRAINT api_keys_creator_same_company,
  ADD CONSTRAINT api_keys_created_by_id_fkey FOREIGN KEY (created_by_id)
    REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE leads DROP CONSTRAINT leads_assignee_same_company,
  ADD CONSTRAINT leads_assigned_to_id_fkey FOREIGN KEY (assigned_to_id)
    REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE interactions DROP CONSTRAINT interactions_creator_same_company,
  ADD CONSTRAINT interactions_created_by_id_fkey FOREIGN KEY (created_by_id)
    REFERENCES users (id) ON DELETE SET NULL,
  DROP CONSTRAINT interactions_lead_same_company,
  ADD CONSTRAINT interactions_lead_id_fkey FOREIGN KEY (lead_id)
    REFERENCES leads (id) ON DELETE CASCADE;
ALTER TABLE leads DROP CONSTRAINT leads_id_company;
ALTER TABLE users DROP CONSTRAINT users_id_company;
`;
