import { systemCaller } from '../../src/auth/auth-context.js';
import { Sql } from '../../src/database/sql.js';
import { Transactions } from '../../src/database/transactions.js';
import { ScoresService } from '../../src/scoring/scores.service.js';
import { LeadScoresRepository } from '../../src/scoring/lead-scores.repository.js';
import { ScoringModule } from '../../src/scoring/scoring.module.js';
import { newCompany } from '../support/factories.js';
import { startServices, type ServiceHarness } from '../support/service-harness.js';

describe('LeadScoresRepository.rescore', () => {
  let harness: ServiceHarness;
  let sut: LeadScoresRepository;

  beforeAll(async () => {
    harness = await startServices([ScoringModule]);
    sut = harness.get(LeadScoresRepository);
  });
  afterAll(() => harness.close());

  it('writes only the given company’s leads, whatever ids it is handed', async () => {
    const [mine, theirs] = [
      (await newCompany(harness)).companyId,
      (await newCompany(harness)).companyId,
    ];
    const leadOf = async (companyId: string): Promise<string> =>
      (
        await harness.sql<{ id: string }>(
          `INSERT INTO leads (company_id, first_name, last_name, email)
           VALUES ($1, 'A', 'B', gen_random_uuid() || '@scores.test') RETURNING id`,
          [companyId],
        )
      )[0].id;
    const [own, foreign] = [await leadOf(mine), await leadOf(theirs)];
    // A meeting today on each: rescored, either would score 33.
    await harness.sql(
      `INSERT INTO interactions (company_id, lead_id, type, date)
       VALUES ($1, $2, 'MEETING', now()), ($3, $4, 'MEETING', now())`,
      [mine, own, theirs, foreign],
    );
    const changes = await harness
      .get(Transactions)
      .run((tx) => sut.rescore(tx, mine, [own, foreign], new Date()));
    expect(changes).toEqual([{ leadId: own, assignedToId: null, previous: 0, score: 33 }]);
    const scores = await harness.sql<{ lead_id: string; activity_score: number }>(
      'SELECT lead_id, activity_score FROM lead_scores WHERE lead_id = ANY($1::uuid[])',
      [[own, foreign]],
    );
    expect(new Map(scores.map((r) => [r.lead_id, r.activity_score]))).toEqual(
      new Map([
        [own, 33],
        [foreign, 0],
      ]),
    );
  });
});

describe('a bulk recalculation beside an interaction change', () => {
  let harness: ServiceHarness;

  beforeAll(async () => {
    harness = await startServices([ScoringModule]);
  });
  afterAll(() => harness.close());

  it('never overwrites the score a change wrote while its batch waited for the row', async () => {
    const companyId = (await newCompany(harness)).companyId;
    const [{ id: leadId }] = await harness.sql<{ id: string }>(
      `INSERT INTO leads (company_id, first_name, last_name, email)
       VALUES ($1, 'A', 'B', gen_random_uuid() || '@race.test') RETURNING id`,
      [companyId],
    );
    const sql = harness.get(Sql);
    // The change rescored before the run began and commits only once the run's batch waits for it.
    const changedAt = new Date(Date.now() - 60_000);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let rescored!: () => void;
    const hasRescored = new Promise<void>((resolve) => (rescored = resolve));
    const change = harness.get(Transactions).run(async (tx) => {
      await sql.rows(
        `INSERT INTO interactions (company_id, lead_id, type, date) VALUES ($1, $2, 'MEETING', now())`,
        [companyId, leadId],
        tx,
      );
      await harness.get(LeadScoresRepository).rescore(tx, companyId, [leadId], changedAt);
      rescored();
      await released;
    });
    await hasRescored;
    const run = harness.get(ScoresService).recalculateAll(systemCaller(companyId, 'test'));
    await until(async () => {
      const [row] = await harness.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE lead_scores t SET calculated_at%'`,
      );
      return row.n === 1;
    });
    release();
    await change;
    // Its snapshot held no meeting: had it written, the lead would score 0.
    expect(await run).toBe(0);
    const [score] = await harness.sql<{ activity_score: number; calculated_at: Date }>(
      'SELECT activity_score, calculated_at FROM lead_scores WHERE lead_id = $1',
      [leadId],
    );
    expect(score).toEqual({ activity_score: 33, calculated_at: changedAt });
  });
});

async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('condition not met in 5 s');
}
