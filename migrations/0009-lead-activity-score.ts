// A lead's activity score (src/scoring/activity-score.ts) and when it was computed: null until the
// first computation. Columns without defaults: no table rewrite, however many leads. The index
// serves orderBy ACTIVITY_SCORE and the score range filter as leads_by_budget serves budget's
// (unscored leads sort as -1, below every score).
export const up = /* sql */ `
ALTER TABLE leads
  ADD COLUMN activity_score smallint CHECK (activity_score BETWEEN 0 AND 100),
  ADD COLUMN score_calculated_at timestamptz(3);
CREATE INDEX leads_by_activity_score ON leads (company_id, (coalesce(activity_score, -1)), id)
  WHERE deleted_at IS NULL;
`;

export const down = /* sql */ `
DROP INDEX leads_by_activity_score;
ALTER TABLE leads DROP COLUMN score_calculated_at, DROP COLUMN activity_score;
`;
