import { QueryTypes } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { Role } from '../../src/auth/role.enum.js';
import { newCompany, newUser, type TestUser } from '../support/factories.js';
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
});
