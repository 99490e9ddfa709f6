// A lead's activity score moves out of the lead's row into lead_scores, a narrow row of its own:
// a recalculation writes a million scores, and on leads each write rewrote the whole row and
// inserted it into every index of leads (ten, a trigram GIN among them). Here a write is a
// 40-byte row under two indexes.
//
// Every lead has its score row from the statement that creates it (the statement trigger below,
// one INSERT … SELECT per statement however many leads it adds, COPY included): a new lead has no
// interactions, so its score is 0, computed when it was created. So score order and range need
// no outer join and lead_scores_by_score serves them.
//
// A lead's summary is its own row too (lead_summaries): written one lead at a time, read only when
// asked for. companies.external_ai_allowed says whether the company lets lead data go to the
// external AI provider; until an ADMIN says so, it does not.
//
// Creating the trigger locks leads against writes until this migration commits, so that no lead
// is added between the trigger and the copy of the existing scores.
export const up = /* sql */ `
CREATE TABLE lead_scores (
  company_id      uuid NOT NULL,
  lead_id         uuid NOT NULL,
  activity_score  smallint NOT NULL CHECK (activity_score BETWEEN 0 AND 100),
  calculated_at   timestamptz(3) NOT NULL,
  PRIMARY KEY (company_id, lead_id),
  CONSTRAINT lead_scores_lead_same_company FOREIGN KEY (lead_id, company_id)
    REFERENCES leads (id, company_id) ON DELETE CASCADE
) WITH (fillfactor = 80);
-- Room on each page: rewriting a score that did not change is a HOT update, no index touched.

CREATE FUNCTION lead_scores_of_new_leads() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lead_scores (company_id, lead_id, activity_score, calculated_at)
  SELECT company_id, id, 0, created_at FROM new_leads;
  RETURN NULL;
END $$;

CREATE TRIGGER leads_have_scores AFTER INSERT ON leads
  REFERENCING NEW TABLE AS new_leads FOR EACH STATEMENT
  EXECUTE FUNCTION lead_scores_of_new_leads();

-- In key order, the order a recalculation walks them in.
INSERT INTO lead_scores (company_id, lead_id, activity_score, calculated_at)
SELECT company_id, id, coalesce(activity_score, 0), coalesce(score_calculated_at, created_at)
FROM leads ORDER BY company_id, id;

-- orderBy ACTIVITY_SCORE and the score range filter (leads.repository.ts).
CREATE INDEX lead_scores_by_score ON lead_scores (company_id, activity_score, lead_id);

-- A lead's interactions, newest first, now tenant first and carrying the type: a batch of a
-- recalculation, leads in key order, reads their interactions as one range of this index, without
-- visiting the table (an index-only scan); lead.interactions and the lead filter of interactions
-- read it as they read the old one, which it replaces (the cascade from leads too).
DROP INDEX interactions_by_lead;
CREATE INDEX interactions_by_lead ON interactions (company_id, lead_id, date DESC, id DESC)
  INCLUDE (type);

DROP INDEX leads_by_activity_score;
ALTER TABLE leads DROP COLUMN activity_score, DROP COLUMN score_calculated_at;

CREATE TABLE lead_summaries (
  company_id    uuid NOT NULL,
  lead_id       uuid NOT NULL,
  summary       text NOT NULL CHECK (length(summary) <= 4000),
  provider      text NOT NULL,
  generated_at  timestamptz(3) NOT NULL,
  PRIMARY KEY (company_id, lead_id),
  CONSTRAINT lead_summaries_lead_same_company FOREIGN KEY (lead_id, company_id)
    REFERENCES leads (id, company_id) ON DELETE CASCADE
);

ALTER TABLE companies ADD COLUMN external_ai_allowed boolean NOT NULL DEFAULT false;
`;

export const down = /* sql */ `
ALTER TABLE companies DROP COLUMN external_ai_allowed;
DROP TABLE lead_summaries;
ALTER TABLE leads
  ADD COLUMN activity_score smallint,
  ADD COLUMN score_calculated_at timestamptz(3),
  ADD CONSTRAINT leads_activity_score_range CHECK (activity_score BETWEEN 0 AND 100);
UPDATE leads l SET activity_score = s.activity_score, score_calculated_at = s.calculated_at
FROM lead_scores s WHERE s.company_id = l.company_id AND s.lead_id = l.id;
CREATE INDEX leads_by_activity_score ON leads (company_id, (coalesce(activity_score, -1)), id)
  WHERE deleted_at IS NULL;
DROP INDEX interactions_by_lead;
CREATE INDEX interactions_by_lead ON interactions (lead_id, date DESC, id DESC);
DROP TRIGGER leads_have_scores ON leads;
DROP FUNCTION lead_scores_of_new_leads();
DROP TABLE lead_scores;
`;
