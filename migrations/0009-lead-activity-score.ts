// A lead's activity score (src/scoring/activity-score.ts) and when it was computed: null until the
// first computation. Columns without defaults: no table rewrite, however many leads.
export const up = /* sql */ `
ALTER TABLE leads
  ADD COLUMN activity_score smallint CHECK (activity_score BETWEEN 0 AND 100),
  ADD COLUMN score_calculated_at timestamptz(3);
`;

export const down = /* sql */ `
ALTER TABLE leads DROP COLUMN score_calculated_at, DROP COLUMN activity_score;
`;
