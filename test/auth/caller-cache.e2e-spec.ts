import { Role } from '../../src/auth/role.enum.js';
import { newCompany, newUser } from '../support/factories.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { redisUrl, withRedis } from '../support/test-env.js';

/** Two instances behind one load balancer: a change made through one applies on the other. */
withRedis('caller cache across instances (Redis)', () => {
  let db: TestDatabase;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    [a, b] = await Promise.all([
      startTestApp({ REDIS_URL: redisUrl() }, db),
      startTestApp({ REDIS_URL: redisUrl() }, db),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await db.drop();
  });

  /** Asks `app` until it answers with `code` (the message crosses Redis); returns the last answer's code. */
  async function codeOn(
    app: TestApp,
    query: string,
    token: string,
    code: string | undefined,
  ): Promise<string | undefined> {
    let last: string | undefined;
    for (let attempt = 0; attempt < 20; attempt++) {
      last = (await app.gql(query, {}, token)).errors?.[0]?.extensions.code;
      if (last === code) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    return last;
  }

  it('a user deactivated through one instance is refused by the other', async () => {
    const admin = await newCompany(a);
    const rep = await newUser(a, admin, Role.SALES_REP);
    // B has seen (and cached) the rep.
    expect((await b.gql('{ me { id } }', {}, rep.token)).data?.me.id).toBe(rep.id);

    await a.gql(
      'mutation($id: ID!) { deactivateUser(userId: $id) { id } }',
      { id: rep.id },
      admin.token,
    );
    expect(await codeOn(b, '{ me { id } }', rep.token, 'UNAUTHENTICATED')).toBe('UNAUTHENTICATED');
  });

  it('a role change made through one instance applies on the other', async () => {
    const admin = await newCompany(a);
    const manager = await newUser(a, admin, Role.MANAGER);
    expect((await b.gql('{ apiKeys { id } }', {}, manager.token)).errors?.[0].extensions.code).toBe(
      'FORBIDDEN',
    );

    await a.gql(
      'mutation($i: UpdateUserRoleInput!) { updateUserRole(input: $i) { id } }',
      { i: { userId: manager.id, role: 'ADMIN' } },
      admin.token,
    );
    expect(await codeOn(b, '{ apiKeys { id } }', manager.token, undefined)).toBeUndefined();
  });

  it('a session logged out through one instance ends on the other, access token included', async () => {
    const admin = await newCompany(a);
    const rep = await newUser(a, admin, Role.SALES_REP);
    expect((await b.gql('{ me { id } }', {}, rep.token)).data?.me.id).toBe(rep.id);

    await a.gql(
      'mutation($t: String) { logout(refreshToken: $t) }',
      { t: rep.refreshToken },
      rep.token,
    );
    expect(await codeOn(b, '{ me { id } }', rep.token, 'UNAUTHENTICATED')).toBe('UNAUTHENTICATED');
    // The admin's session is another: untouched.
    expect((await b.gql('{ me { id } }', {}, admin.token)).data?.me.id).toBe(admin.id);
  });
});
