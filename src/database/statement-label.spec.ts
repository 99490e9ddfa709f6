import { statementLabel } from './statement-label.js';

describe('statementLabel', () => {
  it.each([
    ['INSERT INTO leads (id, email) VALUES ($1, $2) RETURNING *', 'INSERT leads'],
    ['UPDATE deals SET stage = $1 WHERE id = $2', 'UPDATE deals'],
    ['DELETE FROM raw_leads WHERE company_id = $1', 'DELETE raw_leads'],
    ['SELECT l.id, l.email FROM leads l WHERE l.company_id = $1', 'SELECT leads'],
    ['select count(*)::int as n from "tasks" where company_id = $1', 'SELECT tasks'],
    [
      'WITH item AS (SELECT * FROM unnest($1::uuid[]) AS u(id)), target AS (SELECT id FROM users) INSERT INTO notifications (id) SELECT id FROM target',
      'INSERT notifications',
    ],
    ['BEGIN', 'BEGIN'],
    ['COMMIT', 'COMMIT'],
    ['SELECT 1', 'SELECT'],
  ])('%s reads %s', (text, label) => {
    expect(statementLabel(text)).toBe(label);
  });
});
