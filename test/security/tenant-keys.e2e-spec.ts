import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { Role } from '../../src/auth/role.enum.js';
import { newApiKey, newCompany, newUser, type TestUser } from '../support/factories.js';
import { newLead } from '../support/lead-factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** What the code already prevents, the database now refuses too: rows pointing into another company. */
describe('tenant foreign keys', () => {
  let sut: TestApp;
  let sql: Sequelize;
  let admin: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    sut = await startTestApp();
    sql = sut.app.get(Sequelize);
    admin = await newCompany(sut);
    outsider = await newCompany(sut);
  });
  afterAll(() => sut.close());

  const companyOf = async (user: TestUser): Promise<string> => {
    const [row] = await sql.query<{ company_id: string }>(
      'SELECT company_id FROM users WHERE id = $1',
      { bind: [user.id], type: QueryTypes.SELECT },
    );
    return row.company_id;
  };

  it('refuses an interaction whose lead belongs to another company', async () => {
    const theirLead = await newLead(sut, outsider);
    await expect(
      sql.query(
        `INSERT INTO interactions (company_id, lead_id, type, date) VALUES ($1, $2, 'CALL', now())`,
        { bind: [await companyOf(admin), theirLead.id] },
      ),
    ).rejects.toMatchObject({ original: { constraint: 'interactions_lead_same_company' } });
  });

  it('refuses a lead assigned to another company’s user', async () => {
    const lead = await newLead(sut, admin);
    await expect(
      sql.query('UPDATE leads SET assigned_to_id = $1 WHERE id = $2', {
        bind: [outsider.id, lead.id],
      }),
    ).rejects.toMatchObject({ original: { constraint: 'leads_assignee_same_company' } });
  });

  it('unassigns a removed user’s leads without touching their company', async () => {
    const rep = await newUser(sut, admin, Role.SALES_REP);
    const lead = await newLead(sut, rep);
    await sql.query('DELETE FROM users WHERE id = $1', { bind: [rep.id] });
    const [row] = await sql.query<{ assigned_to_id: string | null; company_id: string }>(
      'SELECT assigned_to_id, company_id FROM leads WHERE id = $1',
      { bind: [lead.id], type: QueryTypes.SELECT },
    );
    expect(row).toEqual({ assigned_to_id: null, company_id: await companyOf(admin) });
  });

  describe('the ingestion journal (migrations 0020, 0021)', () => {
    /** A submission stored through POST /api/lead with a real key of `user`'s company. */
    const submitted = async (
      user: TestUser,
      idempotencyKey = randomUUID(),
    ): Promise<{ rawId: string; apiKeyId: string }> => {
      const key = await newApiKey(sut, user);
      const res = await fetch(`${sut.url}/api/lead`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-api-key': key.secret,
          'idempotency-key': idempotencyKey,
        },
        body: JSON.stringify({ email: `lead-${randomUUID()}@example.com` }),
      });
      expect(res.status).toBe(201);
      const [row] = await sql.query<{ id: string }>(
        'SELECT id FROM leads_raw WHERE idempotency_key = $1',
        { bind: [idempotencyKey], type: QueryTypes.SELECT },
      );
      return { rawId: row.id, apiKeyId: key.id };
    };

    it('refuses a submission stored under another company’s API key', async () => {
      const theirs = await submitted(outsider);
      await expect(
        sql.query(
          `INSERT INTO leads_raw (company_id, api_key_id, body, fingerprint, request_id)
           VALUES ($1, $2, '\\x7b7d', 'f', 'r')`,
          { bind: [await companyOf(admin), theirs.apiKeyId] },
        ),
      ).rejects.toMatchObject({ original: { constraint: 'leads_raw_api_key_same_company' } });
      await expect(
        sql.query('UPDATE leads_raw SET company_id = $1 WHERE id = $2', {
          bind: [await companyOf(admin), theirs.rawId],
        }),
      ).rejects.toMatchObject({ original: { constraint: expect.stringMatching(/same_company/) } });
    });

    it('refuses an idempotency claim on another company’s submission, or by its API key', async () => {
      const mine = await submitted(admin);
      const theirs = await submitted(outsider);
      const company = await companyOf(admin);
      await expect(
        sql.query(
          `INSERT INTO leads_idempotency (company_id, api_key_id, key, fingerprint, raw_id)
           VALUES ($1, $2, $3, 'f', $4)`,
          { bind: [company, mine.apiKeyId, randomUUID(), theirs.rawId] },
        ),
      ).rejects.toMatchObject({ original: { constraint: 'leads_idempotency_raw_same_company' } });
      await expect(
        sql.query(
          `INSERT INTO leads_idempotency (company_id, api_key_id, key, fingerprint, raw_id)
           VALUES ($1, $2, $3, 'f', $4)`,
          { bind: [company, theirs.apiKeyId, randomUUID(), mine.rawId] },
        ),
      ).rejects.toMatchObject({
        original: { constraint: 'leads_idempotency_api_key_same_company' },
      });
    });
  });
});
