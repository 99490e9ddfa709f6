// When each company's scores were last recalculated as a whole, and how: the schedule runs a
// company's again only once SCORES_RECALCULATION_INTERVAL_HOURS have passed since, whichever
// instance ran it and however it was started.
export const up = /* sql */ `
CREATE TABLE score_recalculations (
  company_id   uuid PRIMARY KEY REFERENCES companies (id) ON DELETE CASCADE,
  started_at   timestamptz(3) NOT NULL,
  finished_at  timestamptz(3) NOT NULL,
  lead_count   integer NOT NULL,
  trigger      text NOT NULL CHECK (trigger IN ('manual', 'scheduled', 'cli'))
);
`;

export const down = /* sql */ `
DROP TABLE score_recalculations;
`;
