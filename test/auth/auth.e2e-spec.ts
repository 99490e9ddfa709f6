import { createHmac } from 'node:crypto';
import { login, newCompany, newUser, PASSWORD, type TestUser } from '../support/factories.js';
import { startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';

const ME = '{ me { id email role } }';
const REFRESH =
  'mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken user { id } } }';

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function jwt(header: object, payload: object, secret = TEST_JWT_SECRET): string {
  const unsigned = `${b64(header)}.${b64(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

describe('authentication', () => {
  let sut: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    sut = await startTestApp();
    admin = await newCompany(sut);
  });
  afterAll(() => sut.close());

  it('signs up a company whose first user is an ADMIN and can call me', async () => {
    const res = await sut.gql(ME, {}, admin.token);
    expect(res.data?.me).toEqual({ id: admin.id, email: admin.email, role: 'ADMIN' });
  });

  it('refuses a second sign-up with the same email, in any letter case', async () => {
    const res = await sut.gql('mutation($i: SignUpInput!) { signUp(input: $i) { accessToken } }', {
      i: {
        companyName: 'Copycat',
        email: admin.email.toUpperCase(),
        password: PASSWORD,
        firstName: 'A',
        lastName: 'B',
      },
    });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'EMAIL_TAKEN' });
  });

  it('names every invalid field of a sign-up', async () => {
    const res = await sut.gql('mutation($i: SignUpInput!) { signUp(input: $i) { accessToken } }', {
      i: {
        companyName: 'X',
        email: 'not-an-email',
        password: 'short',
        firstName: 'A',
        lastName: 'B',
      },
    });
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(res.errors?.[0].extensions.fields)).toEqual(
      expect.arrayContaining(['email', 'password']),
    );
    expect(res.errors?.[0].extensions.stacktrace).toBeUndefined();
  });

  it('logs in with the right password and not with a wrong one or an unknown email', async () => {
    const ok = await login(sut, admin.email, PASSWORD);
    expect((await sut.gql(ME, {}, ok.token)).data?.me.id).toBe(admin.id);

    for (const input of [
      { email: admin.email, password: 'wrong password!!' },
      { email: 'nobody@example.com', password: PASSWORD },
    ]) {
      const res = await sut.gql('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', {
        i: input,
      });
      expect(res.errors?.[0]).toMatchObject({
        message: 'Invalid email or password',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
  });

  it('rotates the refresh token on every use', async () => {
    const session = await login(sut, admin.email, PASSWORD);
    const first = await sut.gql(REFRESH, { t: session.refreshToken });
    const rotated = first.data?.refreshToken;
    expect(rotated.refreshToken).not.toBe(session.refreshToken);
    expect((await sut.gql(ME, {}, rotated.accessToken)).data?.me.id).toBe(admin.id);

    const second = await sut.gql(REFRESH, { t: rotated.refreshToken });
    expect(second.data?.refreshToken.refreshToken).toBeTruthy();
  });

  it('revokes the whole family when an old refresh token is reused', async () => {
    const session = await login(sut, admin.email, PASSWORD);
    const next = (await sut.gql(REFRESH, { t: session.refreshToken })).data?.refreshToken
      .refreshToken as string;

    const reuse = await sut.gql(REFRESH, { t: session.refreshToken });
    expect(reuse.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    // The legitimate successor dies with the family, and so do the session's access tokens.
    const successor = await sut.gql(REFRESH, { t: next });
    expect(successor.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await sut.gql(ME, {}, session.token)).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await sut.gql(ME, {}, admin.token)).data?.me.id).toBe(admin.id);
  });

  it('lets exactly one of two concurrent uses of a refresh token win', async () => {
    const session = await login(sut, admin.email, PASSWORD);
    const results = await Promise.all([
      sut.gql(REFRESH, { t: session.refreshToken }),
      sut.gql(REFRESH, { t: session.refreshToken }),
    ]);
    expect(results.filter((r) => r.data?.refreshToken).length).toBe(1);
  });

  it('ends one session on logout(refreshToken) and every session on logout(), access tokens included', async () => {
    const owner = await newCompany(sut);
    const a = await login(sut, owner.email, PASSWORD);
    const b = await login(sut, owner.email, PASSWORD);
    expect(
      (
        await sut.gql(
          'mutation($t: String) { logout(refreshToken: $t) }',
          { t: a.refreshToken },
          a.token,
        )
      ).data?.logout,
    ).toBe(true);
    expect((await sut.gql(REFRESH, { t: a.refreshToken })).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    // The logged-out session's access token dies with it, long before it expires; b's lives on.
    expect((await sut.gql(ME, {}, a.token)).errors?.[0].extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'INVALID_ACCESS_TOKEN',
    });
    expect((await sut.gql(ME, {}, b.token)).data?.me.id).toBe(owner.id);
    const bNext = (await sut.gql(REFRESH, { t: b.refreshToken })).data?.refreshToken;
    expect(bNext).toBeTruthy();
    // A rotation keeps the session: the token from before it still works.
    expect((await sut.gql(ME, {}, b.token)).data?.me.id).toBe(owner.id);

    await sut.gql('mutation { logout }', {}, bNext.accessToken);
    expect((await sut.gql(REFRESH, { t: bNext.refreshToken })).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    for (const token of [bNext.accessToken, b.token, owner.token])
      expect((await sut.gql(ME, {}, token)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses logout of a refresh token that belongs to someone else', async () => {
    const other = await newCompany(sut);
    const res = await sut.gql(
      'mutation($t: String) { logout(refreshToken: $t) }',
      { t: other.refreshToken },
      admin.token,
    );
    expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await sut.gql(REFRESH, { t: other.refreshToken })).data?.refreshToken).toBeTruthy();
  });

  describe('access tokens that must not work', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const claims = () => ({
      sub: admin.id,
      cid: 'x',
      role: 'ADMIN',
      iss: 'crm-backend',
      aud: 'crm-api',
      iat: now(),
      exp: now() + 600,
    });

    it.each([
      ['no token', () => undefined],
      ['garbage', () => 'not.a.jwt'],
      [
        'expired',
        () =>
          jwt({ alg: 'HS256', typ: 'JWT' }, { ...claims(), iat: now() - 1200, exp: now() - 600 }),
      ],
      [
        'forged (wrong secret)',
        () => jwt({ alg: 'HS256', typ: 'JWT' }, claims(), 'another-secret-another-secret-123456'),
      ],
      ['alg:none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`],
      [
        'wrong audience',
        () => jwt({ alg: 'HS256', typ: 'JWT' }, { ...claims(), aud: 'someone-else' }),
      ],
      ['wrong issuer', () => jwt({ alg: 'HS256', typ: 'JWT' }, { ...claims(), iss: 'evil' })],
      [
        'HS512 instead of the pinned HS256',
        () => {
          const unsigned = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64(claims())}`;
          return `${unsigned}.${createHmac('sha512', TEST_JWT_SECRET).update(unsigned).digest('base64url')}`;
        },
      ],
    ])('%s → UNAUTHENTICATED', async (_name, token) => {
      const res = await sut.gql(ME, {}, token());
      expect(res.data).toBeNull();
      expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('a validly signed token of a user in another company than its claim', async () => {
      const res = await sut.gql(ME, {}, jwt({ alg: 'HS256', typ: 'JWT' }, claims()));
      expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  it('stops a deactivated user at once: access token, refresh token and login', async () => {
    const rep = await newUser(sut, admin);
    expect((await sut.gql(ME, {}, rep.token)).data?.me.id).toBe(rep.id);

    const res = await sut.gql(
      'mutation($id: ID!) { deactivateUser(userId: $id) { id isActive } }',
      { id: rep.id },
      admin.token,
    );
    expect(res.data?.deactivateUser).toEqual({ id: rep.id, isActive: false });

    expect((await sut.gql(ME, {}, rep.token)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await sut.gql(REFRESH, { t: rep.refreshToken })).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    await expect(login(sut, rep.email, PASSWORD)).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it('applies a role change on the very next request', async () => {
    const user = await newUser(sut, admin, 'MANAGER');
    await sut.gql(
      'mutation($i: UpdateUserRoleInput!) { updateUserRole(input: $i) { role } }',
      { i: { userId: user.id, role: 'ADMIN' } },
      admin.token,
    );
    const res = await sut.gql('{ apiKeys { id } }', {}, user.token);
    expect(res.errors).toBeUndefined();
  });
});
