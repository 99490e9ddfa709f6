// Lead ingestion (POST /api/lead): the raw journal every submission is committed to before anything
// else, the idempotency keys that make a resent submission answer with its first lead, and the lead
// columns the senders fill.
//
// leads_raw keeps one row per request, whatever became of it; leads_idempotency one row per key
// and company, claimed in the same statement that stores the request, so that of many requests
// racing with one key exactly one goes on to write the lead.
export const up = /* sql */ `
ALTER TABLE leads
  ADD COLUMN country  text CHECK (length(country) <= 64),
  ADD COLUMN language text CHECK (length(language) <= 35),
  -- What a sender did not send stays empty; GraphQL input still requires names.
  DROP CONSTRAINT leads_first_name_check,
  ADD CONSTRAINT leads_first_name_check CHECK (length(first_name) <= 100),
  DROP CONSTRAINT leads_last_name_check,
  ADD CONSTRAINT leads_last_name_check CHECK (length(last_name) <= 100);

CREATE TABLE leads_raw (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  company_id       uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  api_key_id       uuid REFERENCES api_keys (id) ON DELETE SET NULL,
  -- Every byte received, as received (not even UTF-8 is assumed).
  body             bytea NOT NULL,
  -- The body when it parses as JSON that PostgreSQL can hold; the body is kept either way.
  payload          jsonb,
  idempotency_key  text CHECK (length(idempotency_key) <= 255),
  -- SHA-256 (hex) of the canonical JSON (keys sorted), or of the bytes when they are not JSON.
  fingerprint      text NOT NULL,
  request_id       text NOT NULL,
  remote_ip        text,
  user_agent       text,
  received_at      timestamptz(3) NOT NULL DEFAULT clock_timestamp(),
  status           text NOT NULL DEFAULT 'RECEIVED'
                   CHECK (status IN ('RECEIVED', 'PROCESSED', 'MERGED', 'DUPLICATE', 'REJECTED',
                                     'INVALID', 'QUEUED', 'FAILED')),
  lead_id          uuid,
  -- Lead fields whose value did not fit its column: kept here, left empty on the lead.
  omitted_fields   text[] NOT NULL DEFAULT '{}',
  error            text,
  attempts         int NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz(3),
  locked_until     timestamptz(3),
  processed_at     timestamptz(3),
  -- Purging a lead erases its submissions: the right to be forgotten covers the journal.
  CONSTRAINT leads_raw_lead_same_company FOREIGN KEY (lead_id, company_id)
    REFERENCES leads (id, company_id) ON DELETE CASCADE
);
-- lead.submissions, newest first.
CREATE INDEX leads_raw_by_lead ON leads_raw (lead_id, received_at DESC) WHERE lead_id IS NOT NULL;
-- rawLeadsConnection(filter: { status }), newest first.
CREATE INDEX leads_raw_company_page ON leads_raw (company_id, received_at DESC, id DESC);
CREATE INDEX leads_raw_company_status ON leads_raw (company_id, status, received_at DESC, id DESC);
-- The reprocessor's queue: submissions still waiting, a small part of the journal.
CREATE INDEX leads_raw_waiting ON leads_raw (received_at) WHERE status IN ('RECEIVED', 'QUEUED');

CREATE TABLE leads_idempotency (
  company_id   uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  key          text NOT NULL CHECK (length(key) <= 255),
  fingerprint  text NOT NULL,
  -- The request that claimed the key; the lead it ended with, once it has one.
  raw_id       uuid NOT NULL REFERENCES leads_raw (id) ON DELETE CASCADE,
  lead_id      uuid,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (company_id, key),
  CONSTRAINT leads_idempotency_lead_same_company FOREIGN KEY (lead_id, company_id)
    REFERENCES leads (id, company_id) ON DELETE CASCADE
);

-- Who a company's ingested leads go to: nobody (the default), each API key's default assignee, or
-- the active sales reps in turn (cursor counts the turns).
CREATE TABLE ingestion_routing (
  company_id  uuid PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
  mode        text NOT NULL CHECK (mode IN ('NOBODY', 'API_KEY_DEFAULT', 'ROUND_ROBIN')),
  cursor      bigint NOT NULL DEFAULT 0
);
ALTER TABLE api_keys ADD CONSTRAINT api_keys_id_company UNIQUE (id, company_id);
CREATE TABLE ingestion_key_assignees (
  api_key_id  uuid PRIMARY KEY,
  company_id  uuid NOT NULL,
  user_id     uuid NOT NULL,
  CONSTRAINT ingestion_key_assignee_key_same_company FOREIGN KEY (api_key_id, company_id)
    REFERENCES api_keys (id, company_id) ON DELETE CASCADE,
  CONSTRAINT ingestion_key_assignee_same_company FOREIGN KEY (user_id, company_id)
    REFERENCES users (id, company_id) ON DELETE CASCADE
);
`;

export const down = /* sql */ `
DROP TABLE ingestion_key_assignees;
ALTER TABLE api_keys DROP CONSTRAINT api_keys_id_company;
DROP TABLE ingestion_routing;
DROP TABLE leads_idempotency;
DROP TABLE leads_raw;
UPDATE leads SET first_name = '-' WHERE first_name = '';
UPDATE leads SET last_name = '-' WHERE last_name = '';
ALTER TABLE leads
  DROP COLUMN country,
  DROP COLUMN language,
  DROP CONSTRAINT leads_first_name_check,
  ADD CONSTRAINT leads_first_name_check CHECK (length(first_name) BETWEEN 1 AND 100),
  DROP CONSTRAINT leads_last_name_check,
  ADD CONSTRAINT leads_last_name_check CHECK (length(last_name) BETWEEN 1 AND 100);
`;
