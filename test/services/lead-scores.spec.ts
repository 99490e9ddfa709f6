import { Transactions } from '../../src/database/transactions.js';
import { LeadScoresRepository } from '../../src/scoring/lead-scores.repository.js';
import { ScoringModule } from '../../src/scoring/scoring.module.js';
import { Factories } from '../support/service-factories.js';
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
    await harness
      .get(Transactions)
      .run(async (tx) => sut.rescore(tx, mine, [own, foreign], new Date()));
    const scores = await harness.sql<{ id: string; activity_score: number | null }>(
      'SELECT id, activity_score FROM leads WHERE id = ANY($1::uuid[])',
      [[own, foreign]],
    );
    expect(new Map(scores.map((r) => [r.id, r.activity_score]))).toEqual(
      new Map([
        [own, 0],
        [foreign, null],
      ]),
    );
  });
});
