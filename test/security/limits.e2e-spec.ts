import { randomBytes } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { newCompany, PASSWORD, type TestUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const LOGIN = 'mutation($i: LoginInput!) { login(input: $i) { accessToken } }';
const from = (ip: string): Record<string, string> => ({ 'x-forwarded-for': ip });
/** Mutation fields are non-null: one refused field nulls `data`, so what was done is counted in the database. */
async function count(sut: TestApp, sql: string): Promise<number> {
  const [row] = await sut.app
    .get(Sequelize)
    .query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, { type: QueryTypes.SELECT });
  return row.n;
}

const codes = (res: { errors?: { extensions: { code: string } }[] }): string[] =>
  (res.errors ?? []).map((e) => e.extensions.code);

describe('limits per operation', () => {
  it('lets one request’s 15 aliased signUps through only as far as the sign-up limit', async () => {
    const sut = await startTestApp({ SIGNUP_LIMIT_PER_IP: undefined });
    try {
      const aliases = Array.from(
        { length: 15 },
        (_, i) =>
          `s${i}: signUp(input: { companyName: "Burn ${i}", email: "burn-${i}-${randomBytes(3).toString('hex')}@example.com", password: "${PASSWORD}", firstName: "B", lastName: "U" }) { user { id } }`,
      );
      const res = await sut.gql(`mutation { ${aliases.join(' ')} }`);
      expect(await count(sut, "companies WHERE name LIKE 'Burn %'")).toBe(10);
      // The 11th is refused, and a refused (non-null) mutation field ends the operation.
      expect(codes(res)).toEqual(['RATE_LIMITED']);
    } finally {
      await sut.close();
    }
  });

  it('counts every root mutation field against the general budget, aliases included', async () => {
    const sut = await startTestApp({ RATE_LIMIT_PER_MINUTE: '6' });
    try {
      const admin = await newCompany(sut); // one point
      const aliases = Array.from(
        { length: 8 },
        (_, i) =>
          `c${i}: createLead(createLeadInput: { firstName: "A", lastName: "B", email: "alias-${i}@example.com" }) { id }`,
      );
      const res = await sut.gql(`mutation { ${aliases.join(' ')} }`, {}, admin.token);
      expect(await count(sut, "leads WHERE email LIKE 'alias-%'")).toBe(5);
      expect(codes(res)).toEqual(['RATE_LIMITED']);
    } finally {
      await sut.close();
    }
  });
});

describe('API keys', () => {
  it('are capped per company, so one tenant cannot grow them without end', async () => {
    const sut = await startTestApp();
    try {
      const admin = await newCompany(sut);
      await sut.app.get(Sequelize).query(
        `INSERT INTO api_keys (company_id, name, prefix, key_hash, scopes)
         SELECT company_id, 'k' || g, 'crm_x', md5(random()::text || g), '{ingest}'
         FROM users, generate_series(1, 100) g WHERE users.id = $1`,
        { bind: [admin.id] },
      );
      const res = await sut.gql(
        'mutation { createApiKey(input: { name: "one more", scopes: [INGEST] }) { secret } }',
        {},
        admin.token,
      );
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'TOO_MANY_API_KEYS',
      });
    } finally {
      await sut.close();
    }
  });
});

describe('X-Forwarded-For', () => {
  const attempts = async (sut: TestApp, ips: string[]): Promise<string[]> => {
    const seen: string[] = [];
    for (const ip of ips) {
      const res = await sut.gql(
        LOGIN,
        { i: { email: `nobody-${randomBytes(3).toString('hex')}@example.com`, password: 'x' } },
        undefined,
        from(ip),
      );
      seen.push(codes(res)[0]);
    }
    return seen;
  };

  it('is ignored unless it comes from a trusted hop', async () => {
    for (const TRUST_PROXY of ['false', '10.0.0.0/8']) {
      const sut = await startTestApp({ LOGIN_LIMIT_PER_IP: '2', TRUST_PROXY });
      try {
        // Three "different" clients are one, the real peer: its budget of 2 runs out.
        expect(await attempts(sut, ['203.0.113.1', '203.0.113.2', '203.0.113.3'])).toEqual([
          'UNAUTHENTICATED',
          'UNAUTHENTICATED',
          'RATE_LIMITED',
        ]);
      } finally {
        await sut.close();
      }
    }
  });

  it('names the client when the proxy in front is trusted, by address or by hop count', async () => {
    for (const TRUST_PROXY of ['127.0.0.1', '1']) {
      const sut = await startTestApp({ LOGIN_LIMIT_PER_IP: '2', TRUST_PROXY });
      try {
        expect(await attempts(sut, ['203.0.113.1', '203.0.113.2', '203.0.113.3'])).toEqual([
          'UNAUTHENTICATED',
          'UNAUTHENTICATED',
          'UNAUTHENTICATED',
        ]);
        const admin = await newCompany(sut);
        await sut.gql(LOGIN, { i: { email: admin.email, password: 'wrong!' } }, undefined, {
          'x-forwarded-for': '198.51.100.23',
        });
        const audit = await sut.gql(
          '{ auditLogs(filter: { action: "auth.login_failed" }) { edges { node { ip } } } }',
          {},
          admin.token,
        );
        expect(audit.data?.auditLogs.edges[0].node.ip).toBe('198.51.100.23');
      } finally {
        await sut.close();
      }
    }
  });
});

describe('a stranger guessing an owner’s password', () => {
  let sut: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    sut = await startTestApp({
      TRUST_PROXY: '127.0.0.1',
      LOGIN_LIMIT_PER_ACCOUNT: '3',
      LOGIN_LIMIT_PER_ACCOUNT_ALL_IPS: '6',
    });
    owner = await newCompany(sut);
  });
  afterAll(() => sut.close());

  const login = (password: string, ip: string) =>
    sut.gql(LOGIN, { i: { email: owner.email, password } }, undefined, from(ip));

  it('is limited, and does not lock the owner out', async () => {
    const stranger: string[] = [];
    for (let i = 0; i < 4; i++) stranger.push(codes(await login('guess!', '203.0.113.66'))[0]);
    expect(stranger).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
      'RATE_LIMITED',
    ]);
    const ownLogin = await login(PASSWORD, '198.51.100.7');
    expect(ownLogin.errors).toBeUndefined();
    expect(ownLogin.data?.login.accessToken).toEqual(expect.any(String));
  });

  it('meets a ceiling across all IPs', async () => {
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) seen.push(codes(await login('guess!', `203.0.113.${100 + i}`))[0]);
    // 3 failures above, 4 here: the ceiling of 6 is reached on the last.
    expect(seen).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
  });
});
