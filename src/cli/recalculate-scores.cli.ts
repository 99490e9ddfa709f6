import 'reflect-metadata';
import { createApp } from '../app.factory.js';
import { systemCaller } from '../auth/auth-context.js';
import { loadConfig } from '../app.config.js';
import { ScoreRecalculationsRepository } from '../scoring/score-recalculations.repository.js';
import { ScoresService } from '../scoring/scores.service.js';
import { ScoringException } from '../scoring/scoring.exception.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `pnpm run scores:recalculate [-- --company ID]`: every company's scores (or one company's)
 * recalculated now by the same batches and lock as recalculateAllScores, with a progress line.
 * A company being recalculated elsewhere is refused, as the API refuses it.
 */
async function main(): Promise<void> {
  const at = process.argv.indexOf('--company');
  const only = at > 0 ? process.argv[at + 1] : undefined;
  if (at > 0 && !(only && UUID.test(only)))
    throw new Error('usage: scores:recalculate [-- --company <company id, a UUID>]');
  // The application without its background work: this process only runs the recalculation.
  const config = loadConfig({
    LOG_LEVEL: 'warn',
    ...process.env,
    INGEST_REPROCESS_INTERVAL_MS: '0',
    SCORES_RECALCULATION_INTERVAL_HOURS: '0',
  });
  const app = await createApp(config);
  await app.init();
  try {
    const scores = app.get(ScoresService);
    // Every company is due after 0 hours.
    const all = await app.get(ScoreRecalculationsRepository).due(0);
    if (only && !all.includes(only)) throw new Error(`No company ${only}`);
    const companies = only ? [only] : all;
    let total = 0;
    for (const [i, companyId] of companies.entries()) {
      const started = Date.now();
      const label = `company ${i + 1}/${companies.length} ${companyId}`;
      let count: number;
      try {
        count = await scores.recalculateAll(
          systemCaller(companyId, 'scores.recalculate'),
          'cli',
          (written) => process.stderr.write(`\r${label}: ${written.toLocaleString('en')} leads…`),
        );
      } catch (error) {
        if (!(error instanceof ScoringException)) throw error;
        // Being recalculated elsewhere: that run does the work.
        process.stderr.write(`\r${label}: skipped, ${error.message.toLowerCase()}\n`);
        continue;
      }
      total += count;
      process.stderr.write(
        `\r${label}: ${count.toLocaleString('en')} leads in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
    }
    const of = companies.length === 1 ? '1 company' : `${companies.length} companies`;
    console.log(`Recalculated ${total.toLocaleString('en')} lead scores of ${of}.`);
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
