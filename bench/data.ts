import argon2 from 'argon2';
import { QueryTypes } from 'sequelize';
import { argValue, BENCH, openBenchDatabase } from './bench-env.js';
import {
  generateDeals,
  generateInteractions,
  generateJournal,
  generateLeads,
  type Query,
} from '../devkit/generate.js';

/**
 * `pnpm bench:data --leads 1000000 --interactions 5000000 [--deals 1000000] [--reset]`: a bench
 * company with realistic leads (creation times spread over three years, skewed to recent), their
 * interactions and a deals pipeline (as many deals as leads unless told), made by INSERT … SELECT
 * generate_series in chunks.
 */
async function main(): Promise<void> {
  const leads = argValue('leads', 100_000);
  const interactions = argValue('interactions', leads * 5);
  const deals = argValue('deals', leads);
  const db = await openBenchDatabase();
  const q: Query = (sql, bind = []) => db.sequelize.query(sql, { bind, type: QueryTypes.SELECT });
  try {
    const [existing] = await q<{ company_id: string }>(
      'SELECT company_id FROM users WHERE lower(email) = $1',
      [BENCH.email],
    );
    if (existing) {
      if (!process.argv.includes('--reset')) {
        const [{ n }] = await q<{ n: number }>(
          'SELECT count(*)::int AS n FROM leads WHERE company_id = $1',
          [existing.company_id],
        );
        console.log(`Bench data already present (${n} leads). Use --reset to regenerate.`);
        // Data made before the journal existed gets one.
        const [journal] = await q('SELECT 1 FROM leads_raw WHERE company_id = $1 LIMIT 1', [
          existing.company_id,
        ]);
        if (!journal) await journalOf(q, existing.company_id);
        // And a pipeline, when it was made before deals existed.
        const [deal] = await q('SELECT 1 FROM deals WHERE company_id = $1 LIMIT 1', [
          existing.company_id,
        ]);
        if (!deal) await dealsOf(q, existing.company_id, deals);
        return;
      }
      console.log('Removing the previous bench company…');
      // Deals first: their totals' trigger writes the company's row, which must still be there.
      await q('DELETE FROM deals WHERE company_id = $1', [existing.company_id]);
      await q('DELETE FROM companies WHERE id = $1', [existing.company_id]);
    }
    const started = Date.now();
    const hash = await argon2.hash(BENCH.password, { type: argon2.argon2id });
    const [company] = await q<{ id: string }>(
      'INSERT INTO companies (name) VALUES ($1) RETURNING id',
      [BENCH.companyName],
    );
    await q(
      `INSERT INTO users (company_id, email, password_hash, first_name, last_name, role) VALUES ($1, $2, $3, 'Bench', 'Admin', 'ADMIN')`,
      [company.id, BENCH.email, hash],
    );
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
    // A lead's interactions are logged over months, between other leads' interactions: on disk they
    // lie apart, not side by side as they were generated. Rewrite the table in date order.
    console.log('Ordering interactions by date…');
    await db.sequelize.query('CLUSTER interactions USING interactions_by_company');
    await db.sequelize.query('ALTER TABLE interactions SET WITHOUT CLUSTER');
    await journalOf(q, company.id);
    await dealsOf(q, company.id, deals);
    // VACUUM as well as ANALYZE: a table that has lived in production has its hint bits and
    // visibility map set, which index-only scans and the first reads of every page depend on.
    await db.sequelize.query('VACUUM ANALYZE leads');
    await db.sequelize.query('VACUUM ANALYZE interactions');
    await db.sequelize.query('VACUUM ANALYZE lead_scores');
    console.log(
      `Bench data ready in ${((Date.now() - started) / 1000).toFixed(0)} s: ${leads} leads, ${made} interactions, ${deals} deals. Log in as ${BENCH.email} / ${BENCH.password}`,
    );
  } finally {
    await db.onApplicationShutdown();
  }
}

async function dealsOf(q: Query, companyId: string, deals: number): Promise<void> {
  const reps = await q<{ id: string }>(
    "SELECT id FROM users WHERE company_id = $1 AND role = 'SALES_REP' ORDER BY email",
    [companyId],
  );
  await generateDeals(
    q,
    companyId,
    reps.map((r) => r.id),
    deals,
    true,
  );
  console.log('');
  await q('VACUUM ANALYZE deals');
}

async function journalOf(q: Query, companyId: string): Promise<void> {
  console.log(`Journal: ${await generateJournal(q, companyId)} submissions`);
  await q('VACUUM ANALYZE leads_raw');
  await q('VACUUM ANALYZE leads_idempotency');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
