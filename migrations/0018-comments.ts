// Comments: a note by a colleague on a lead or a deal of the same company (exactly one). They go
// with the record when it is deleted for good, and outlive their author (cleared).
export const up = /* sql */ `
CREATE TABLE comments (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  company_id  uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  lead_id     uuid,
  deal_id     uuid,
  author_id   uuid,
  body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  updated_at  timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT comments_one_record CHECK ((lead_id IS NULL) <> (deal_id IS NULL)),
  CONSTRAINT comments_lead_same_company FOREIGN KEY (lead_id, company_id)
    REFERENCES leads (id, company_id) ON DELETE CASCADE,
  CONSTRAINT comments_deal_same_company FOREIGN KEY (deal_id, company_id)
    REFERENCES deals (id, company_id) ON DELETE CASCADE,
  CONSTRAINT comments_author_same_company FOREIGN KEY (author_id, company_id)
    REFERENCES users (id, company_id) ON DELETE SET NULL (author_id)
);

-- A record's comments, newest first (its list, and its earlier commenters for comment_added).
CREATE INDEX comments_by_lead ON comments (company_id, lead_id, created_at DESC, id DESC)
  WHERE lead_id IS NOT NULL;
CREATE INDEX comments_by_deal ON comments (company_id, deal_id, created_at DESC, id DESC)
  WHERE deal_id IS NOT NULL;
CREATE INDEX comments_by_author ON comments (company_id, author_id);
`;

export const down = /* sql */ `
DROP TABLE comments;
`;
