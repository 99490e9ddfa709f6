// Deals: the pipeline. Every reference is a composite key with the company (as 0005 set up), so a
// deal can point only at its own company's lead and users; a reference that goes away clears only
// its own column. A closed stage and closed_at go together, which the database holds too.
//
// Indexes follow the lists (deals.repository.ts): tenant first, live rows, the sort, then id;
// filters that narrow hard (stage, priority, assignee, lead) lead their own indexes. Search is a
// tsvector of title and notes ('simple': no language's stemming, prefixes match instead).
// Migrations build indexes inside their transaction (no CONCURRENTLY): what the foreign keys'
// actions need is built here, while the table is empty.
export const up = /* sql */ `
CREATE TABLE deals (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  company_id           uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  title                text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  value                numeric(14,2) CHECK (value >= 0),
  currency             text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  stage                text NOT NULL DEFAULT 'LEAD'
                         CHECK (stage IN ('LEAD', 'QUALIFIED', 'NEGOTIATION', 'CLOSED_WON', 'CLOSED_LOST')),
  priority             text NOT NULL DEFAULT 'MEDIUM' CHECK (priority IN ('LOW', 'MEDIUM', 'HIGH', 'URGENT')),
  lead_score           smallint NOT NULL CHECK (lead_score BETWEEN 0 AND 100),
  lead_source          text CHECK (length(lead_source) <= 100),
  expected_close_date  date,
  closed_at            timestamptz(3),
  notes                text CHECK (length(notes) <= 10000),
  lead_id              uuid,
  assigned_to_id       uuid,
  created_by_id        uuid,
  deleted_at           timestamptz(3),
  created_at           timestamptz(3) NOT NULL DEFAULT now(),
  updated_at           timestamptz(3) NOT NULL DEFAULT now(),
  search_vector        tsvector NOT NULL
                         GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || coalesce(notes, ''))) STORED,
  CONSTRAINT deals_id_company UNIQUE (id, company_id),
  CONSTRAINT deals_closed_at_when_closed
    CHECK ((closed_at IS NOT NULL) = (stage IN ('CLOSED_WON', 'CLOSED_LOST'))),
  CONSTRAINT deals_lead_same_company FOREIGN KEY (lead_id, company_id)
    REFERENCES leads (id, company_id) ON DELETE SET NULL (lead_id),
  CONSTRAINT deals_assignee_same_company FOREIGN KEY (assigned_to_id, company_id)
    REFERENCES users (id, company_id) ON DELETE SET NULL (assigned_to_id),
  CONSTRAINT deals_creator_same_company FOREIGN KEY (created_by_id, company_id)
    REFERENCES users (id, company_id) ON DELETE SET NULL (created_by_id)
);

-- Removed deals too (includeDeleted): few are removed, and one index fewer is cheaper to write.
CREATE INDEX deals_by_created ON deals (company_id, created_at, id);
CREATE INDEX deals_by_updated ON deals (company_id, updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_by_value ON deals (company_id, (coalesce(value, -1)), id) WHERE deleted_at IS NULL;
CREATE INDEX deals_by_lead_score ON deals (company_id, lead_score, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_by_expected_close ON deals
  (company_id, (coalesce(expected_close_date, 'infinity'::date)), id) WHERE deleted_at IS NULL;
CREATE INDEX deals_by_stage ON deals (company_id, stage, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX deals_by_priority ON deals (company_id, priority, created_at, id) WHERE deleted_at IS NULL;
-- Every row, removed ones too, for the references' ON DELETE actions as well as the lists.
CREATE INDEX deals_by_assignee ON deals (company_id, assigned_to_id, created_at, id);
CREATE INDEX deals_by_creator ON deals (company_id, created_by_id);
CREATE INDEX deals_by_lead ON deals (company_id, lead_id, created_at, id);
-- A stored column rather than an expression index: a search first tests the newest deals one by
-- one (deals.repository.ts, SEARCH_PROBE_ROWS), and the index's bitmap rechecks its matches; both
-- would otherwise parse each deal's text again, up to 10 000 characters of notes.
CREATE INDEX deals_search ON deals USING gin (search_vector);
`;

export const down = /* sql */ `
DROP TABLE deals;
`;
