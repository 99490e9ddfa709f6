// The existing journal rows checked against 0020's keys (0020 has already reported any that would
// fail). VALIDATE CONSTRAINT takes SHARE UPDATE EXCLUSIVE: submissions go on being stored while it
// scans, which a validation in 0020's transaction (holding its ACCESS EXCLUSIVE locks) would stop.
export const up = /* sql */ `
ALTER TABLE leads_raw VALIDATE CONSTRAINT leads_raw_api_key_same_company;
ALTER TABLE leads_idempotency VALIDATE CONSTRAINT leads_idempotency_raw_same_company;
ALTER TABLE leads_idempotency VALIDATE CONSTRAINT leads_idempotency_api_key_same_company;
`;

// A validation has nothing to undo: 0020's down drops the keys themselves.
export const down = /* sql */ `SELECT 1;`;
