import { AuditModule } from '../../src/audit/audit.module.js';
import { systemCaller } from '../../src/auth/auth-context.js';
import { AdvisoryLocks, LockSpace } from '../../src/database/advisory-locks.js';
import { ScheduledRecalculationJob } from '../../src/scoring/scheduled-recalculation.job.js';
import { ScoresService } from '../../src/scoring/scores.service.js';
import { ScoringModule } from '../../src/scoring/scoring.module.js';
import { newCompany } from '../support/factories.js';
import { startServices, type ServiceHarness } from '../support/service-harness.js';

describe('ScheduledRecalculation', () => {
  let harness: ServiceHarness;
  let sut: ScheduledRecalculationJob;
  let companies: string[];

  beforeAll(async () => {
    harness = await startServices(
      [ScoringModule, AuditModule],
      {},
      {
        config: { SCORES_RECALCULATION_INTERVAL_HOURS: '24' },
      },
    );
    sut = harness.get(ScheduledRecalculationJob);
    companies = [(await newCompany(harness)).companyId, (await newCompany(harness)).companyId];
    for (const companyId of companies) {
      // Three leads, each with a meeting today: 33 once rescored, 0 until then.
      const leads = await harness.sql<{ id: string }>(
        `INSERT INTO leads (company_id, first_name, last_name, email)
         SELECT $1, 'S', 'T', gen_random_uuid() || '@schedule.test' FROM generate_series(1, 3)
         RETURNING id`,
        [companyId],
      );
      await harness.sql(
        `INSERT INTO interactions (company_id, lead_id, type, date)
         SELECT $1, id, 'MEETING', now() FROM unnest($2::uuid[]) AS l(id)`,
        [companyId, leads.map((l) => l.id)],
      );
    }
  });
  afterAll(() => harness.close());

  const scoresOf = (companyId: string) =>
    harness.sql<{ activity_score: number; calculated_at: Date }>(
      'SELECT activity_score, calculated_at FROM lead_scores WHERE company_id = $1',
      [companyId],
    );
  const runOf = async (companyId: string) =>
    (
      await harness.sql<{ trigger: string; lead_count: number; finished_at: Date }>(
        'SELECT trigger, lead_count, finished_at FROM score_recalculations WHERE company_id = $1',
        [companyId],
      )
    )[0];

  it('rescores every company due, records each run, and audits one event per company', async () => {
    expect(await sut.run()).toBeGreaterThanOrEqual(2);
    for (const companyId of companies) {
      expect((await scoresOf(companyId)).map((s) => s.activity_score)).toEqual([33, 33, 33]);
      expect(await runOf(companyId)).toMatchObject({ trigger: 'scheduled', lead_count: 3 });
      const audited = await harness.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_logs
         WHERE company_id = $1 AND action = 'scores.recalculated' AND actor_kind = 'system'`,
        [companyId],
      );
      expect(audited[0].n).toBe(1);
    }
  });

  it('leaves a company alone within the interval, whoever ran it last', async () => {
    const [first] = companies;
    const before = await scoresOf(first);
    const run = await runOf(first);
    expect(await sut.run()).toBe(0);
    expect(await scoresOf(first)).toEqual(before);
    expect(await runOf(first)).toEqual(run);
    // A manual run is a run: the schedule counts from it.
    const manual = await harness
      .get(ScoresService)
      .recalculateAll(systemCaller(first, 'test'), 'manual');
    expect(manual).toBe(3);
    expect((await runOf(first)).trigger).toBe('manual');
    expect(await sut.run()).toBe(0);
  });

  it('runs on one instance at a time: a pass under way elsewhere is not doubled', async () => {
    const locks = harness.get(AdvisoryLocks);
    let inner: number | null | undefined;
    const held = await locks.tryWhile(LockSpace.SCORE_SCHEDULE, 'all', async () => {
      inner = await sut.run();
      return true;
    });
    expect(held).toEqual({ result: true });
    expect(inner).toBeNull();
  });
});
