import { InteractionKind } from '../../src/interactions/interaction-kind.enum.js';
import { activityScore, activityScoreSql } from '../../src/scoring/activity-score.js';
import { newCompany } from '../support/factories.js';
import { startServices, type ServiceHarness } from '../support/service-harness.js';

/** The formula in TypeScript and in SQL, on the same random interactions: they must agree. */
describe('activityScore and activityScoreSql', () => {
  let harness: ServiceHarness;
  let companyId: string;

  beforeAll(async () => {
    harness = await startServices([]);
    companyId = (await newCompany(harness)).companyId;
  });
  afterAll(() => harness.close());

  it('give every lead the same score', async () => {
    // An instant far from the database's now(): SQL that ignored its parameter would not agree.
    const now = new Date('2031-03-04T05:06:07.890Z');
    const types = Object.values(InteractionKind);
    // A seeded generator: a failure can be replayed.
    let seed = 12345;
    // Park–Miller: every product stays below 2^53, so the sequence is exact.
    const random = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const leads = await harness.sql<{ id: string }>(
      `INSERT INTO leads (company_id, first_name, last_name, email)
       SELECT $1, 'S', 'T', 'score-' || g || '-' || gen_random_uuid() || '@score.test'
       FROM generate_series(1, 300) g RETURNING id`,
      [companyId],
    );
    const expected = new Map<string, number>();
    const rows: { leadId: string; type: InteractionKind; date: Date }[] = [];
    for (const { id } of leads) {
      const mine = Array.from({ length: Math.floor(random() * 25) }, () => ({
        leadId: id,
        type: types[Math.floor(random() * types.length)],
        // From four years ago to a few minutes ahead, to the millisecond.
        date: new Date(now.getTime() - Math.floor(random() ** 3 * 4 * 365 * 86_400_000) + 300_000),
      }));
      rows.push(...mine);
      expected.set(id, activityScore(mine, now));
    }
    await harness.sql(
      `INSERT INTO interactions (company_id, lead_id, type, date)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::timestamptz[])`,
      [companyId, rows.map((r) => r.leadId), rows.map((r) => r.type), rows.map((r) => r.date)],
    );
    const computed = await harness.sql<{ id: string; score: number }>(
      `SELECT l.id, ${activityScoreSql('i', '$2::timestamptz')} AS score
       FROM leads l LEFT JOIN interactions i ON i.lead_id = l.id
       WHERE l.company_id = $1 GROUP BY l.id`,
      [companyId, now],
    );
    expect(new Map(computed.map((r) => [r.id, r.score]))).toEqual(expected);
    // The data spans the whole range, so that the agreement means something.
    const scores = [...expected.values()];
    expect(Math.min(...scores)).toBe(0);
    expect(Math.max(...scores)).toBeGreaterThan(80);
  });
});
