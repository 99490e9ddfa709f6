import { QueryTypes } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { Role } from '../../src/auth/role.enum.js';
import { newCompany, newUser, type TestUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const COMPANY = '{ company { id name currency } }';
const SET = 'mutation($c: String!) { setCompanyCurrency(currency: $c) { id currency } }';

describe('company settings', () => {
  let sut: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    sut = await startTestApp();
    admin = await newCompany(sut, { companyName: 'Acme Ltd' });
  });
  afterAll(() => sut.close());

  it('reads the caller’s own company, in USD until an ADMIN says otherwise', async () => {
    const rep = await newUser(sut, admin, Role.SALES_REP);
    const res = await sut.gql(COMPANY, {}, rep.token);
    expect(res.data?.company).toMatchObject({ name: 'Acme Ltd', currency: 'USD' });
  });

  it('lets an ADMIN set an ISO 4217 currency, audited, and no one else', async () => {
    const manager = await newUser(sut, admin, Role.MANAGER);
    const refused = await sut.gql(SET, { c: 'EUR' }, manager.token);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const res = await sut.gql(SET, { c: 'EUR' }, admin.token);
    expect(res.data?.setCompanyCurrency.currency).toBe('EUR');
    expect((await sut.gql(COMPANY, {}, manager.token)).data?.company.currency).toBe('EUR');
    const audit = await sut.app
      .get(Sequelize)
      .query<{ changes: unknown }>(
        `SELECT changes FROM audit_logs WHERE action = 'company.currency_changed' AND entity_id = $1`,
        { bind: [res.data?.setCompanyCurrency.id], type: QueryTypes.SELECT },
      );
    expect(audit.map((a) => a.changes)).toEqual([{ currency: { from: 'USD', to: 'EUR' } }]);
  });

  it('refuses a code that is not a currency, naming the field', async () => {
    for (const code of ['eur', 'EURO', 'XYZ', '']) {
      const res = await sut.gql(SET, { c: code }, admin.token);
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { currency: [expect.stringMatching(/ISO 4217/)] },
      });
    }
  });

  it('changes only the caller’s company', async () => {
    const other = await newCompany(sut);
    await sut.gql(SET, { c: 'JPY' }, admin.token);
    expect((await sut.gql(COMPANY, {}, other.token)).data?.company.currency).toBe('USD');
    expect((await sut.gql(COMPANY, {}, admin.token)).data?.company.currency).toBe('JPY');
  });
});
