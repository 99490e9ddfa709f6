/** Realistic bench data made in the database: INSERT … SELECT generate_series, in chunks. */
import { dealLeadScoreSql } from '../src/scoring/deal-score.js';
import { NOTE_TEMPLATES } from '../src/cli/seed-data.js';

const FIRST = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'John',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'William',
  'Barbara',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
  'Thomas',
  'Sarah',
  'Wei',
  'Aiko',
  'Priya',
  'Carlos',
  'Sofia',
  'Lukas',
  'Fatima',
  'Noah',
  'Olivia',
  'Liam',
  'Emma',
  'Mateo',
];
const LAST = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Perez',
  'Thompson',
  'White',
  'Harris',
  'Sanchez',
  'Clark',
  'Ramirez',
  'Lewis',
  'Robinson',
  'Chen',
  'Tanaka',
  'Patel',
  'Müller',
  'Rossi',
  'Silva',
  'Khan',
  'Nguyen',
  'Kowalski',
  'Dubois',
];
const CITIES = [
  'New York, NY',
  'Los Angeles, CA',
  'Chicago, IL',
  'Houston, TX',
  'Phoenix, AZ',
  'Seattle, WA',
  'Boston, MA',
  'Austin, TX',
  'Denver, CO',
  'Atlanta, GA',
  'London, UK',
  'Paris, France',
  'Berlin, Germany',
  'Madrid, Spain',
  'Rome, Italy',
  'Tokyo, Japan',
  'Sydney, Australia',
  'Toronto, Canada',
  'São Paulo, Brazil',
  'Dubai, UAE',
];
const DOMAINS = [
  'example.com',
  'acme.test',
  'globex.test',
  'initech.test',
  'umbrella.test',
  'hooli.test',
  'stark.test',
  'wayne.test',
];
// Weighted like a real funnel: most leads are new or contacted.
const STATUSES = [
  'NEW',
  'NEW',
  'NEW',
  'NEW',
  'CONTACTED',
  'CONTACTED',
  'CONTACTED',
  'QUALIFIED',
  'QUALIFIED',
  'UNQUALIFIED',
  'CONVERTED',
  'LOST',
];
const CHUNK = 100_000;

const pick = (values: readonly string[]): string =>
  `(ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}])[1 + floor(random() * ${values.length})::int]`;

export type Query = <T extends object>(sql: string, bind?: unknown[]) => Promise<T[]>;

/**
 * `leads` leads for the company, assigned at random to `repIds` (a fifth unassigned), created over
 * three years (more of them recently) and written oldest first, as a table that grew over time
 * lies on disk.
 */
export async function generateLeads(
  q: Query,
  companyId: string,
  repIds: string[],
  leads: number,
  progress = false,
): Promise<void> {
  for (let from = 1; from <= leads; from += CHUNK) {
    const to = Math.min(leads, from + CHUNK - 1);
    await q(
      `INSERT INTO leads (company_id, first_name, last_name, email, phone, budget, location, status, assigned_to_id, source, created_at, updated_at)
         SELECT $1, ${pick(FIRST)}, ${pick(LAST)},
                'lead' || g || '@' || ${pick(DOMAINS)},
                '+1 ' || (200 + floor(random() * 700))::int || ' 555 ' || lpad(floor(random() * 10000)::int::text, 4, '0'),
                CASE WHEN random() < 0.1 THEN NULL ELSE round((random() * random() * 500000)::numeric, 2) END,
                ${pick(CITIES)}, ${pick(STATUSES)},
                CASE WHEN random() < 0.2 THEN NULL ELSE ($2::uuid[])[1 + floor(random() * $5)::int] END,
                ${pick(['web', 'import', 'referral', 'event', 'partner'])},
                ts, ts + random() * (now() - ts)
         FROM (SELECT g, now() - power(($6::int - g + random()) / $6::int, 1.5) * interval '1095 days' AS ts
               FROM generate_series($3::int, $4::int) g) s`,
      [companyId, repIds, from, to, repIds.length, leads],
    );
    if (progress) process.stdout.write(`\rleads ${to}/${leads}`);
  }
}

/** About `interactions` interactions spread over the company's leads, dated between each lead's creation and now. */
export async function generateInteractions(
  q: Query,
  companyId: string,
  repIds: string[],
  leads: number,
  interactions: number,
  progress = false,
): Promise<number> {
  const perLead = leads === 0 ? 0 : Math.max(1, Math.round(interactions / leads));
  let made = 0;
  let lastId = '00000000-0000-0000-0000-000000000000';
  while (made < interactions) {
    const batch = await q<{ id: string; n: number }>(
      `WITH chunk AS (
           SELECT id, created_at FROM leads WHERE company_id = $1 AND id > $2 ORDER BY id LIMIT $3
         ), ins AS (
           INSERT INTO interactions (company_id, lead_id, type, date, notes, created_by_id, created_at, updated_at)
           SELECT $1, c.id, ${pick(['CALL', 'EMAIL', 'MEETING'])}, d, ${pick(NOTE_TEMPLATES)},
                  ($5::uuid[])[1 + floor(random() * $6)::int], d, d
           FROM chunk c, generate_series(1, $4::int) k,
                LATERAL (SELECT c.created_at + random() * (now() - c.created_at) + k * interval '0 s' AS d) x
           RETURNING 1
         )
         SELECT (SELECT max(id::text) FROM chunk) AS id, (SELECT count(*)::int FROM ins) AS n`,
      [companyId, lastId, Math.ceil(CHUNK / perLead), perLead, repIds, repIds.length],
    );
    if (!batch[0]?.id) break;
    lastId = batch[0].id;
    made += batch[0].n;
    if (progress) process.stdout.write(`\rinteractions ${made}/${interactions}`);
  }
  return made;
}

/**
 * The ingestion journal of the leads whose source is the web form (about a fifth): one processed
 * submission each, linked, with its idempotency key, received when the lead was created. A
 * company that takes leads from forms has this history, and the plans of the journal's statements
 * are made for tables of its size.
 */
export async function generateJournal(q: Query, companyId: string): Promise<number> {
  // The form the history came from: a key of its own (revoked: nobody sends with it), since an
  // idempotency key is claimed per API key.
  const [row] = await q<{ n: number }>(
    `WITH form AS (
       INSERT INTO api_keys (company_id, name, prefix, key_hash, scopes, revoked_at)
       VALUES ($1, 'bench history', 'crm_bench', 'bench-history-' || gen_random_uuid(), '{INGEST}', now())
       RETURNING id
     ), raw AS (
       INSERT INTO leads_raw (company_id, api_key_id, body, payload, idempotency_key, fingerprint,
         request_id, remote_ip, status, lead_id, received_at, processed_at)
       SELECT l.company_id, (SELECT id FROM form), convert_to(j::text, 'UTF8'), j, 'seed-' || l.id,
         md5(j::text), 'seed-' || l.id, '203.0.113.7', 'PROCESSED', l.id, l.created_at, l.created_at
       FROM leads l,
         LATERAL (SELECT jsonb_build_object('firstName', l.first_name, 'lastName', l.last_name,
           'email', l.email, 'phone', l.phone, 'sourcetype', 'landing') AS j) b
       WHERE l.company_id = $1 AND l.source = 'web'
       ORDER BY l.created_at
       RETURNING id, company_id, api_key_id, idempotency_key, fingerprint, lead_id, received_at
     ), keyed AS (
       INSERT INTO leads_idempotency (company_id, api_key_id, key, fingerprint, raw_id, lead_id,
         created_at)
       SELECT company_id, api_key_id, idempotency_key, fingerprint, id, lead_id, received_at FROM raw
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM keyed`,
    [companyId],
  );
  return row.n;
}

/**
 * `deals` deals for the company, as a pipeline holds them: most open, a third closed (closed_at
 * set), a tenth without a value, some in another currency; assigned at random to `repIds` (a
 * tenth unassigned), created over three years and written oldest first. Each deal's lead score is
 * the deal score of its columns, as the API writes it.
 */
export async function generateDeals(
  q: Query,
  companyId: string,
  repIds: string[],
  deals: number,
  progress = false,
): Promise<void> {
  const score = dealLeadScoreSql({
    value: 'value',
    stage: 'stage',
    priority: 'priority',
    leadSource: 'lead_source',
  });
  for (let from = 1; from <= deals; from += CHUNK) {
    const to = Math.min(deals, from + CHUNK - 1);
    await q(
      `INSERT INTO deals (company_id, title, notes, value, currency, stage, priority, lead_score,
         lead_source, expected_close_date, closed_at, assigned_to_id, created_by_id, created_at, updated_at)
       SELECT $1, title, notes, value, currency, stage, priority, ${score}, lead_source,
         expected_close_date, CASE WHEN stage IN ('CLOSED_WON', 'CLOSED_LOST') THEN least(now(), ts + interval '30 days') END,
         assignee, assignee, ts, ts
       FROM (
         SELECT ${pick(LAST)} || ' ' || ${pick(['renewal', 'expansion', 'pilot', 'license', 'upgrade', 'onboarding'])} || ' ' || g AS title,
           ${pick(NOTE_TEMPLATES)} AS notes,
           CASE WHEN random() < 0.1 THEN NULL ELSE round((random() * random() * 200000)::numeric, 2) END AS value,
           CASE WHEN random() < 0.05 THEN 'EUR' ELSE 'USD' END AS currency,
           ${pick(['LEAD', 'LEAD', 'LEAD', 'QUALIFIED', 'QUALIFIED', 'NEGOTIATION', 'CLOSED_WON', 'CLOSED_LOST', 'CLOSED_LOST'])} AS stage,
           ${pick(['LOW', 'MEDIUM', 'MEDIUM', 'HIGH', 'URGENT'])} AS priority,
           ${pick(['web', 'referral', 'event', 'partner', 'ads', 'cold call'])} AS lead_source,
           CASE WHEN random() < 0.2 THEN NULL ELSE (now() + (random() * 365 - 90) * interval '1 day')::date END AS expected_close_date,
           CASE WHEN random() < 0.1 THEN NULL ELSE ($2::uuid[])[1 + floor(random() * $5)::int] END AS assignee,
           now() - power(($6::int - g + random()) / $6::int, 1.5) * interval '1095 days' AS ts
         FROM generate_series($3::int, $4::int) g
       ) s`,
      [companyId, repIds, from, to, repIds.length, deals],
    );
    if (progress) process.stdout.write(`\rdeals ${to}/${deals}`);
  }
}
