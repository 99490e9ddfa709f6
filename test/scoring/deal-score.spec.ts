import { DealPriority } from '../../src/scoring/deal-priority.enum.js';
import { DealStage } from '../../src/scoring/deal-stage.enum.js';
import {
  dealLeadScore,
  dealLeadScoreSql,
  type DealScoreInput,
} from '../../src/scoring/deal-score.js';
import { startServices, type ServiceHarness } from '../support/service-harness.js';

/** The deal score in TypeScript and in SQL, on the same random deals: they must agree. */
describe('dealLeadScore and dealLeadScoreSql', () => {
  let harness: ServiceHarness;

  beforeAll(async () => {
    harness = await startServices([]);
  });
  afterAll(() => harness.close());

  it('give every deal the same score', async () => {
    let seed = 54321;
    // Park–Miller, as the activity score's agreement test: replayable and exact.
    const random = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
    const sources = [
      null,
      '',
      ' ',
      'referral',
      ' Referral ',
      'PARTNER',
      'event\t',
      'web',
      'Website',
      'form',
      'ads',
      'cold call',
      'Zoë',
    ];
    // Around every threshold, to the cent, and far from them.
    const amounts = [0, 999.99, 1000, 9999.99, 10000, 49999.99, 50000, 99999.99, 100000];
    const deals: DealScoreInput[] = Array.from({ length: 2000 }, () => ({
      value:
        random() < 0.1
          ? null
          : random() < 0.5
            ? pick(amounts).toFixed(2)
            : (Math.floor(random() * 2e7) / 100).toFixed(2),
      stage: pick(Object.values(DealStage)),
      priority: pick(Object.values(DealPriority)),
      leadSource: pick(sources),
    }));
    const rows = await harness.sql<{ score: number }>(
      `SELECT ${dealLeadScoreSql({ value: 'v', stage: 's', priority: 'p', leadSource: 'src' })}::int AS score
       FROM unnest($1::numeric[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS d(v, s, p, src, n)
       ORDER BY n`,
      [
        deals.map((d) => d.value),
        deals.map((d) => d.stage),
        deals.map((d) => d.priority),
        deals.map((d) => d.leadSource),
      ],
    );
    const expected = deals.map(dealLeadScore);
    expect(rows.map((r) => r.score)).toEqual(expected);
    expect(new Set(expected).size).toBeGreaterThan(30);
  });
});
