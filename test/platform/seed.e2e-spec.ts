import { DEMO } from '../../src/cli/seed-data.js';
import { login, newCompany } from '../support/factories.js';
import { runToExit } from '../support/server-process.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SEED = 'dist/src/cli/seed.cli.js';

describe('pnpm run seed', () => {
  let db: TestDatabase;
  let sut: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    sut = await startTestApp({}, db);
  });
  afterAll(async () => {
    await sut.close();
    await db.drop();
  });

  const demoLeads = async () => {
    const admin = await login(sut, DEMO.email, DEMO.password);
    const res = await sut.gql(
      '{ leads(first: 50) { email interactions { type date notes } } }',
      {},
      admin.token,
    );
    return res.data?.leads as {
      email: string;
      interactions: { type: string; date: string; notes: string }[];
    }[];
  };

  it('creates the demo company, its admin, 15 leads with 2–5 interactions each over the last 30 days', async () => {
    const { code, output } = await runToExit({ DATABASE_URL: db.url }, SEED);
    expect(code).toBe(0);
    expect(output).toContain(`Log in as ${DEMO.email} / ${DEMO.password}`);
    const leads = await demoLeads();
    expect(leads).toHaveLength(15);
    const monthAgo = Date.now() - 31 * 86_400_000;
    for (const lead of leads) {
      expect(lead.interactions.length).toBeGreaterThanOrEqual(2);
      expect(lead.interactions.length).toBeLessThanOrEqual(5);
      for (const i of lead.interactions) expect(Date.parse(i.date)).toBeGreaterThan(monthAgo);
    }
  });

  it('is a no-op when run again, and --reset touches only the demo company', async () => {
    const other = await newCompany(sut);
    await sut.gql(
      'mutation { createLead(createLeadInput: {firstName: "Keep", lastName: "Me", email: "keep@example.com"}) { id } }',
      {},
      other.token,
    );
    const before = (await demoLeads()).map((l) => l.email).sort();

    const again = await runToExit({ DATABASE_URL: db.url }, SEED);
    expect(again.code).toBe(0);
    expect(again.output).toContain('already present');
    expect((await demoLeads()).map((l) => l.email).sort()).toEqual(before);

    const reset = await runToExit({ DATABASE_URL: db.url }, SEED, ['--reset']);
    expect(reset.code).toBe(0);
    expect(await demoLeads()).toHaveLength(15);
    const kept = await sut.gql('{ leads { email } }', {}, other.token);
    expect(kept.data?.leads).toEqual([{ email: 'keep@example.com' }]);
  });
});
