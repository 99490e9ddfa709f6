// The existing rows checked against 0005's keys (0005 has already reported any that would fail).
// VALIDATE CONSTRAINT takes SHARE UPDATE EXCLUSIVE: reads and writes go on while it scans.
export const up = /* sql */ `
ALTER TABLE interactions VALIDATE CONSTRAINT interactions_lead_same_company;
ALTER TABLE interactions VALIDATE CONSTRAINT interactions_creator_same_company;
ALTER TABLE leads VALIDATE CONSTRAINT leads_assignee_same_company;
ALTER TABLE api_keys VALIDATE CONSTRAINT api_keys_creator_same_company;
`;

// A validation has nothing to undo: 0005's down drops the keys themselves.
export const down = /* sql */ `SELECT 1;`;
