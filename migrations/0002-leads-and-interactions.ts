// Indexes follow the queries in src/leads/leads.repository.ts and src/interactions/interactions.repository.ts:
// every list is scoped by company, pages by keyset on (sort key, id), and skips soft-deleted leads.
export const up = /* sql */ `
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE leads (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  company_id      uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  first_name      text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
  last_name       text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
  email           text NOT NULL CHECK (length(email) <= 254),
  phone           text CHECK (length(phone) <= 32),
  budget          numeric(12, 2) CHECK (budget >= 0),
  location        text CHECK (length(location) <= 200),
  status          text NOT NULL DEFAULT 'NEW'
                  CHECK (status IN ('NEW', 'CONTACTED', 'QUALIFIED', 'UNQUALIFIED', 'CONVERTED', 'LOST')),
  assigned_to_id  uuid REFERENCES users (id) ON DELETE SET NULL,
  source          text CHECK (length(source) <= 100),
  attribution     jsonb,
  deleted_at      timestamptz(3),
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz(3) NOT NULL DEFAULT now()
);

-- One live lead per email and company, whatever the letter case.
CREATE UNIQUE INDEX leads_email_live ON leads (company_id, lower(email)) WHERE deleted_at IS NULL;

-- Keyset pages, one index per sort; scanned backwards for descending order.
CREATE INDEX leads_by_created ON leads (company_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX leads_by_updated ON leads (company_id, updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX leads_by_last_name ON leads (company_id, last_name, id) WHERE deleted_at IS NULL;
CREATE INDEX leads_by_email ON leads (company_id, lower(email), id) WHERE deleted_at IS NULL;
-- A lead without a budget sorts as -1 (below every real budget) so the keyset stays total.
CREATE INDEX leads_by_budget ON leads (company_id, (coalesce(budget, -1)), id) WHERE deleted_at IS NULL;
CREATE INDEX leads_by_status ON leads (company_id, status, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX leads_by_assignee ON leads (company_id, assigned_to_id, created_at, id) WHERE deleted_at IS NULL;
-- Managers may list deleted leads too.
CREATE INDEX leads_all_by_created ON leads (company_id, created_at, id);

-- Partial matches (ILIKE '%term%') on name, email and phone, and on location.
CREATE INDEX leads_search_trgm ON leads
  USING gin ((first_name || ' ' || last_name || ' ' || email || ' ' || coalesce(phone, '')) gin_trgm_ops);
CREATE INDEX leads_location_trgm ON leads USING gin (location gin_trgm_ops);

CREATE TABLE interactions (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  company_id     uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  lead_id        uuid NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
  type           text NOT NULL CHECK (type IN ('CALL', 'EMAIL', 'MEETING')),
  date           timestamptz(3) NOT NULL,
  notes          text CHECK (length(notes) <= 10000),
  created_by_id  uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  updated_at     timestamptz(3) NOT NULL DEFAULT now()
);
-- A lead's interactions, newest first (lead.interactions, interactionsByLead).
CREATE INDEX interactions_by_lead ON interactions (lead_id, date DESC, id DESC);
-- The company's interactions, newest first (interactions, interactionsConnection).
CREATE INDEX interactions_by_company ON interactions (company_id, date DESC, id DESC);
CREATE INDEX interactions_by_creator ON interactions (created_by_id);
`;

export const down = /* sql */ `
DROP TABLE interactions;
DROP TABLE leads;
`;
