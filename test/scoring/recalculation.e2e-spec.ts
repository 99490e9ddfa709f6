import { Sequelize } from 'sequelize-typescript';
import { Role } from '../../src/auth/role.enum.js';
import { LockSpace } from '../../src/database/advisory-locks.js';
import { activityScore } from '../../src/scoring/activity-score.js';
import { InteractionKind } from '../../src/interactions/interaction-kind.enum.js';
import { newCompany, newUser, type TestUser } from '../support/factories.js';
import { generateLeadsFor } from '../support/lead-factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const RECALCULATE = 'mutation { recalculateAllScores { count } }';

describe('recalculateAllScores', () => {
  let sut: TestApp;
  let manager: TestUser;
  let other: TestUser;

  // Batches of 7, so that a company of 50 leads takes several.
  beforeAll(async () => {
    sut = await startTestApp({ SCORES_BATCH_SIZE: '7' });
    const admin = await newCompany(sut);
    manager = await newUser(sut, admin, Role.MANAGER);
    other = await newCompany(sut);
    // Interactions written by the generator, not through the API: no lead has a score yet.
    await generateLeadsFor(sut, admin, 50, 200);
    await generateLeadsFor(sut, other, 5, 20);
    // Ten leads created in the same millisecond, across a batch boundary: the id breaks the tie.
    await sql(
      `UPDATE leads SET created_at = '2025-01-01T00:00:00Z' WHERE id IN (
         SELECT l.id FROM leads l JOIN users u ON u.company_id = l.company_id
         WHERE u.id = $1 ORDER BY l.created_at LIMIT 10 OFFSET 3)`,
      [manager.id],
    );
  });
  afterAll(() => sut.close());

  const sql = <T extends object>(query: string, bind: unknown[] = []): Promise<T[]> =>
    sut.app.get(Sequelize).query<T>(query, { bind, type: 'SELECT' as never });
  const companyOf = async (user: TestUser): Promise<string> =>
    (await sql<{ company_id: string }>('SELECT company_id FROM users WHERE id = $1', [user.id]))[0]
      .company_id;

  it('rescores every lead of the caller’s company, in batches, as the formula says, never as an edit', async () => {
    const companyId = await companyOf(manager);
    const before = await sql<{ id: string; updated_at: Date }>(
      'SELECT id, updated_at FROM leads WHERE company_id = $1',
      [companyId],
    );
    const res = await sut.gql(RECALCULATE, {}, manager.token);
    expect(res.errors).toBeUndefined();
    expect(res.data?.recalculateAllScores).toEqual({ count: 50 });

    const after = await sql<{
      id: string;
      activity_score: number;
      score_calculated_at: Date;
      updated_at: Date;
    }>(
      'SELECT id, activity_score, score_calculated_at, updated_at FROM leads WHERE company_id = $1',
      [companyId],
    );
    const at = after[0].score_calculated_at;
    expect(after.every((l) => l.score_calculated_at.getTime() === at.getTime())).toBe(true);
    const updatedAt = new Map(before.map((l) => [l.id, l.updated_at.getTime()]));
    expect(after.every((l) => l.updated_at.getTime() === updatedAt.get(l.id))).toBe(true);
    // Each score is the TypeScript formula's, at the instant recorded.
    const interactions = await sql<{ lead_id: string; type: InteractionKind; date: Date }>(
      'SELECT lead_id, type, date FROM interactions WHERE company_id = $1',
      [companyId],
    );
    for (const lead of after)
      expect(lead.activity_score).toBe(
        activityScore(
          interactions.filter((i) => i.lead_id === lead.id),
          at,
        ),
      );
  });

  it('leaves other companies’ leads alone', async () => {
    const scored = await sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM leads WHERE company_id = $1 AND activity_score IS NOT NULL',
      [await companyOf(other)],
    );
    expect(scored[0].n).toBe(0);
  });

  it('refuses a second recalculation while one runs (CONFLICT, RECALCULATION_RUNNING)', async () => {
    const companyId = await companyOf(manager);
    // Another instance's run, as PostgreSQL sees it: the company's lock held by another session.
    const holder = await sut.app.get(Sequelize).connectionManager.getConnection({ type: 'write' });
    const client = holder as unknown as { query(sql: string, values: unknown[]): Promise<unknown> };
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [
      LockSpace.SCORE_RECALCULATION,
      companyId,
    ]);
    try {
      const res = await sut.gql(RECALCULATE, {}, manager.token);
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'RECALCULATION_RUNNING',
      });
      // Another company is not held up by it.
      expect((await sut.gql(RECALCULATE, {}, other.token)).data?.recalculateAllScores).toEqual({
        count: 5,
      });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [
        LockSpace.SCORE_RECALCULATION,
        companyId,
      ]);
      sut.app.get(Sequelize).connectionManager.releaseConnection(holder);
    }
    expect((await sut.gql(RECALCULATE, {}, manager.token)).data?.recalculateAllScores).toEqual({
      count: 50,
    });
  });

  it('is refused to a sales rep', async () => {
    const rep = await newUser(sut, other, Role.SALES_REP);
    const res = await sut.gql(RECALCULATE, {}, rep.token);
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
