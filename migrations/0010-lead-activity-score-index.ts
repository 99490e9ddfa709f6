// Apart from 0009, so that no exclusive lock is held while these run: VALIDATE reads the table
// under a lock that lets reads and writes go on, and the index build lets reads go on. The index
// serves orderBy ACTIVITY_SCORE and the score range filter as leads_by_budget serves budget's
// (unscored leads sort as -1, below every score).
export const up = /* sql */ `
ALTER TABLE leads VALIDATE CONSTRAINT leads_activity_score_range;
CREATE INDEX leads_by_activity_score ON leads (company_id, (coalesce(activity_score, -1)), id)
  WHERE deleted_at IS NULL;
`;

export const down = /* sql */ `
DROP INDEX leads_by_activity_score;
`;
