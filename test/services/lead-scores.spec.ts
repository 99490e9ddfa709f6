import { Transactions } from '../../src/database/transactions.js';
import { LeadScoresRepository } from '../../src/scoring/lead-scores.repository.js';
import { RedisModule } from '../../src/redis/redis.module.js';
import { ScoringModule } from '../../src/scoring/scoring.module.js';
import { Factories } from '../support/service-factories.js';
import { startServices, type ServiceHarness } from '../support/service-harness.js';

describe('LeadScoresRepository.rescore', () => {
  let harness: ServiceHarness;
  let sut: LeadScoresRepository;

  beforeAll(async () => {
    harness = await startServices([ScoringModule, RedisModule]);
    sut = harness.get(LeadScoresRepository);
  });
  afterAll(() => harness.close());

  it('writes only the given company’s leads, whatever ids it is handed', async () => {
    const factories = new Factories(harness);
    const [mine, theirs] = [await factories.newCompany(), await factories.newCompany()];
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
