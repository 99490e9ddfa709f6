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
    sut = await startTestApp({ SCORES_BATCH_SIZE: '7', SCORES_RECALCULATION_LIMIT_PER_HOUR: '5' });
    const admin = await newCompany(sut);
    manager = await newUser(sut, admin, Role.MANAGER);
    other = await newCompany(sut);
    // Interactions written by the generator, not through the API: every lead still has the score
    // of its creation, 0.
    await generateLeadsFor(sut, admin, 50, 200);
    await generateLeadsFor(sut, other, 5, 20);
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
      `SELECT l.id, s.activity_score, s.calculated_at AS score_calculated_at, l.updated_at
       FROM leads l JOIN lead_scores s ON s.company_id = l.company_id AND s.lead_id = l.id
       WHERE l.company_id = $1`,
      [companyId],
    );
    expect(after).toHaveLength(50);
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
    expect(Math.max(...after.map((l) => l.activity_score))).toBeGreaterThan(0);
    // One event for the whole run, audited: not one per lead.
    const audited = await sql<{ entity_id: string; changes: { count: number; trigger: string } }>(
      `SELECT entity_id, changes FROM audit_logs WHERE action = 'scores.recalculated' AND company_id = $1`,
      [companyId],
    );
    expect(audited).toEqual([
      { entity_id: companyId, changes: expect.objectContaining({ count: 50, trigger: 'manual' }) },
    ]);
    const perLead = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_logs WHERE action = 'lead.score_changed' AND company_id = $1`,
      [companyId],
    );
    expect(perLead[0].n).toBe(0);
  });

  it('leaves other companies’ leads alone', async () => {
    // Still the scores of their creation, though they have interactions.
    const scored = await sql<{ n: number; interacted: number }>(
      `SELECT count(*) FILTER (WHERE s.calculated_at <> l.created_at OR s.activity_score <> 0)::int AS n,
         (SELECT count(*)::int FROM interactions WHERE company_id = $1) AS interacted
       FROM leads l JOIN lead_scores s ON s.company_id = l.company_id AND s.lead_id = l.id
       WHERE l.company_id = $1`,
      [await companyOf(other)],
    );
    expect(scored[0]).toEqual({ n: 0, interacted: 20 });
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

  it('limits a company’s runs per hour, aliased copies in one request included', async () => {
    const company = await newCompany(sut);
    await generateLeadsFor(sut, company, 3, 3);
    const aliased = `mutation { ${Array.from({ length: 6 }, (_, i) => `r${i}: recalculateAllScores { count }`).join(' ')} }`;
    const res = await sut.gql(aliased, {}, company.token);
    // The sixth is refused (and, the field being non-null, takes the answer's data with it).
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    const runs = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_logs
       WHERE action = 'scores.recalculated' AND company_id = (SELECT company_id FROM users WHERE id = $1)`,
      [company.id],
    );
    expect(runs[0].n).toBe(5);
    // Another company's budget is its own.
    expect((await sut.gql(RECALCULATE, {}, other.token)).errors).toBeUndefined();
  });

  it('is refused to a sales rep', async () => {
    const rep = await newUser(sut, other, Role.SALES_REP);
    const res = await sut.gql(RECALCULATE, {}, rep.token);
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
