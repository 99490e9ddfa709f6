import pg from 'pg';
import { unique } from './factories.js';
import type { HttpEnding } from './raw-http.js';

export const CREATE_LEAD =
  'mutation($i: CreateLeadInput!) { createLead(createLeadInput: $i) { id } }';

/** A createLead request body with a new e-mail, which names the lead in the database. */
export function createLeadBody(): { body: unknown; email: string } {
  const email = `w-${unique()}@example.com`;
  return {
    email,
    body: { query: CREATE_LEAD, variables: { i: { firstName: 'W', lastName: 'L', email } } },
  };
}

/** The id of a lead the server said it created (200, no errors), else undefined. */
export function acknowledgedId(ending: HttpEnding): string | undefined {
  if (ending.kind !== 'answered' || ending.status !== 200) return undefined;
  const parsed = JSON.parse(ending.body) as {
    data?: { createLead?: { id: string } } | null;
    errors?: unknown[];
  };
  return parsed.errors ? undefined : parsed.data?.createLead?.id;
}

/**
 * What the database holds: which of `ids` are there, and every lead without its audit row
 * (written in the same transaction, so a lead without one is half-written).
 */
export async function leadsInDatabase(
  url: string,
  ids: string[],
): Promise<{ found: string[]; withoutAudit: string[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query<{ id: string }>(
      'SELECT id FROM leads WHERE id = ANY($1::uuid[]) ORDER BY id',
      [ids],
    );
    const unaudited = await client.query<{ id: string }>(
      `SELECT l.id FROM leads l
        WHERE NOT EXISTS (SELECT 1 FROM audit_logs a
                           WHERE a.entity_id = l.id AND a.entity_type = 'Lead')`,
    );
    return { found: found.rows.map((r) => r.id), withoutAudit: unaudited.rows.map((r) => r.id) };
  } finally {
    await client.end();
  }
}

/** The ids of the leads with these e-mails. */
export async function leadsByEmail(url: string, emails: string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      'SELECT id FROM leads WHERE email = ANY($1::text[])',
      [emails],
    );
    return rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}
