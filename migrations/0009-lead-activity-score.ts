// A lead's activity score (src/scoring/activity-score.ts) and when it was computed: null until the
// first computation. Columns without defaults and a check NOT VALID: no table rewrite and no scan
// under the exclusive lock, however many leads (0010 validates the check and builds the index).
export const up = /* sql */ `
ALTER TABLE leads
  ADD COLUMN activity_score smallint,
  ADD COLUMN score_calculated_at timestamptz(3),
  ADD CONSTRAINT leads_activity_score_range CHECK (activity_score BETWEEN 0 AND 100) NOT VALID;
`;

export const down = /* sql */ `
ALTER TABLE leads DROP COLUMN score_calculated_at, DROP COLUMN activity_score;
`;
