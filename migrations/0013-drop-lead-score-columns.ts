// What 0011 replaced, gone in a migration of its own: dropping an index or a column locks its table
// against reads too, and here that lasts an instant instead of all of 0011.
export const up = /* sql */ `
DROP INDEX interactions_by_lead;
ALTER INDEX interactions_by_company_lead RENAME TO interactions_by_lead;
DROP INDEX leads_by_activity_score;
ALTER TABLE leads DROP COLUMN activity_score, DROP COLUMN score_calculated_at;
`;

// The columns come back empty; 0011's down fills them from lead_scores.
export const down = /* sql */ `
ALTER TABLE leads
  ADD COLUMN activity_score smallint,
  ADD COLUMN score_calculated_at timestamptz(3),
  ADD CONSTRAINT leads_activity_score_range CHECK (activity_score BETWEEN 0 AND 100);
CREATE INDEX leads_by_activity_score ON leads (company_id, (coalesce(activity_score, -1)), id)
  WHERE deleted_at IS NULL;
ALTER INDEX interactions_by_lead RENAME TO interactions_by_company_lead;
CREATE INDEX interactions_by_lead ON interactions (lead_id, date DESC, id DESC);
`;
