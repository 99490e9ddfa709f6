import argon2 from 'argon2';
import { QueryTypes } from 'sequelize';
import { NOTE_TEMPLATES } from '../src/seed/seed-data.js';
import { argValue, BENCH, openBenchDatabase } from './bench-env.js';

const FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Wei', 'Aiko', 'Priya', 'Carlos', 'Sofia', 'Lukas', 'Fatima', 'Noah', 'Olivia', 'Liam', 'Emma', 'Mateo'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Chen', 'Tanaka', 'Patel', 'Müller', 'Rossi', 'Silva', 'Khan', 'Nguyen', 'Kowalski', 'Dubois'];
const CITIES = ['New York, NY', 'Los Angeles, CA', 'Chicago, IL', 'Houston, TX', 'Phoenix, AZ', 'Seattle, WA', 'Boston, MA', 'Austin, TX', 'Denver, CO', 'Atlanta, GA', 'London, UK', 'Paris, France', 'Berlin, Germany', 'Madrid, Spain', 'Rome, Italy', 'Tokyo, Japan', 'Sydney, Australia', 'Toronto, Canada', 'São Paulo, Brazil', 'Dubai, UAE'];
const DOMAINS = ['example.com', 'acme.test', 'globex.test', 'initech.test', 'umbrella.test', 'hooli.test', 'stark.test', 'wayne.test'];
// Weighted like a real funnel: most leads are new or contacted.
const STATUSES = ['NEW', 'NEW', 'NEW', 'NEW', 'CONTACTED', 'CONTACTED', 'CONTACTED', 'QUALIFIED', 'QUALIFIED', 'UNQUALIFIED', 'CONVERTED', 'LOST'];
const CHUNK = 100_000;

const pick = (values: readonly string[]): string => `(ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}])[1 + floor(random() * ${values.length})::int]`;

type Query = <T extends object>(sql: string, bind?: unknown[]) => Promise<T[]>;

/** `count` leads for the company, assigned at random to `repIds` (a fifth unassigned). */
export async function generateLeads(q: Query, companyId: string, repIds: string[], leads: number, progress = false): Promise<void> {
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
         FROM (SELECT g, now() - power(random(), 1.5) * interval '1095 days' AS ts FROM generate_series($3::int, $4::int) g) s`,
        [companyId, repIds, from, to, repIds.length],
      );
      if (progress) process.stdout.write(`\rleads ${to}/${leads}`);
    }
}

/** About `interactions` interactions spread over the company's leads, dated between each lead's creation and now. */
export async function generateInteractions(q: Query, companyId: string, repIds: string[], leads: number, interactions: number, progress = false): Promise<number> {
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
 * `pnpm bench:data --leads 1000000 --interactions 5000000 [--reset]`: a bench company with realistic
 * leads (creation times spread over three years, skewed to recent) and their interactions, made by
 * INSERT … SELECT generate_series in chunks.
 */
async function main(): Promise<void> {
  const leads = argValue('leads', 100_000);
  const interactions = argValue('interactions', leads * 5);
  const db = await openBenchDatabase();
  const q: Query = (sql, bind = []) => db.sequelize.query(sql, { bind, type: QueryTypes.SELECT });
  try {
    const [existing] = await q<{ company_id: string }>('SELECT company_id FROM users WHERE lower(email) = $1', [BENCH.email]);
    if (existing) {
      if (!process.argv.includes('--reset')) {
        const [{ n }] = await q<{ n: number }>('SELECT count(*)::int AS n FROM leads WHERE company_id = $1', [existing.company_id]);
        console.log(`Bench data already present (${n} leads). Use --reset to regenerate.`);
        return;
      }
      console.log('Removing the previous bench company…');
      await q('DELETE FROM companies WHERE id = $1', [existing.company_id]);
    }
    const started = Date.now();
    const hash = await argon2.hash(BENCH.password, { type: argon2.argon2id });
    const [company] = await q<{ id: string }>('INSERT INTO companies (name) VALUES ($1) RETURNING id', [BENCH.companyName]);
    await q(`INSERT INTO users (company_id, email, password_hash, first_name, last_name, role) VALUES ($1, $2, $3, 'Bench', 'Admin', 'ADMIN')`, [company.id, BENCH.email, hash]);
    const reps = await q<{ id: string }>(
      `INSERT INTO users (company_id, email, password_hash, first_name, last_name, role)
       SELECT $1, 'bench.rep' || g || '@example.com', $2, 'Rep', 'No' || g, 'SALES_REP' FROM generate_series(1, $3::int) g RETURNING id`,
      [company.id, hash, BENCH.reps],
    );
    const repIds = reps.map((r) => r.id);

    await generateLeads(q, company.id, repIds, leads, true);
    console.log(`  (${((Date.now() - started) / 1000).toFixed(0)} s)`);

    const made = await generateInteractions(q, company.id, repIds, leads, interactions, true);
    console.log(`  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    await db.sequelize.query('ANALYZE leads; ANALYZE interactions;');
    console.log(`Bench data ready in ${((Date.now() - started) / 1000).toFixed(0)} s: ${leads} leads, ${made} interactions. Log in as ${BENCH.email} / ${BENCH.password}`);
  } finally {
    await db.onApplicationShutdown();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
