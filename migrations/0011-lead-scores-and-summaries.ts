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
// Creating the trigger locks leads against writes (not reads) until this migration commits, so
// that no lead is added between the trigger and the copy of the existing scores. The old columns
// and indexes go in 0013, whose exclusive locks last an instant.
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

-- A lead's interactions, newest first, now tenant first and carrying the type: a recalculation
-- reads each lead's interactions from it without visiting the table (an index-only scan);
-- lead.interactions, the lead filter of interactions and the cascade from leads read it as they
-- read interactions_by_lead, which 0013 replaces with it. Its build lets reads go on.
CREATE INDEX interactions_by_company_lead ON interactions (company_id, lead_id, date DESC, id DESC)
  INCLUDE (type);

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
UPDATE leads l SET activity_score = s.activity_score, score_calculated_at = s.calculated_at
FROM lead_scores s WHERE s.company_id = l.company_id AND s.lead_id = l.id;
DROP INDEX interactions_by_company_lead;
DROP TRIGGER leads_have_scores ON leads;
DROP FUNCTION lead_scores_of_new_leads();
DROP TABLE lead_scores;
`;
