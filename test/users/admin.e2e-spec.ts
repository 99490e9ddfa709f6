import { QueryTypes } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { ApiKeysService } from '../../src/api-keys/api-keys.service.js';
import { ApiKeyScope } from '../../src/auth/api-key-scope.enum.js';
import { Role } from '../../src/auth/role.enum.js';
import { newCompany, newUser, type TestUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CREATE_USER = 'mutation($i: CreateUserInput!) { createUser(input: $i) { id email role } }';
const UPDATE_ROLE = 'mutation($i: UpdateUserRoleInput!) { updateUserRole(input: $i) { id role } }';
const DEACTIVATE = 'mutation($id: ID!) { deactivateUser(userId: $id) { id isActive } }';
const CREATE_KEY =
  'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id name prefix scopes } } }';
const REVOKE_KEY = 'mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }';
const AUDIT =
  'query($f: AuditLogFilter, $first: Int, $after: String) { auditLogs(filter: $f, first: $first, after: $after) { totalCount edges { cursor node { action entityType entityId actorKind actorUserId changes requestId } } pageInfo { hasNextPage endCursor } } }';

describe('users, roles, API keys and audit', () => {
  let sut: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let rep: TestUser;
  let otherAdmin: TestUser;

  beforeAll(async () => {
    sut = await startTestApp();
    admin = await newCompany(sut);
    manager = await newUser(sut, admin, Role.MANAGER);
    rep = await newUser(sut, admin, Role.SALES_REP);
    otherAdmin = await newCompany(sut);
  });
  afterAll(() => sut.close());

  it('pages through the company’s users oldest first, and only theirs', async () => {
    const USERS =
      'query($after: String) { usersConnection(first: 2, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }';
    const seen: string[] = [];
    let after: string | undefined;
    let total: number | undefined;
    do {
      const page = (await sut.gql(USERS, { after }, rep.token)).data?.usersConnection;
      total = page.totalCount;
      seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
    } while (after);
    expect(seen.slice(0, 3)).toEqual([admin.id, manager.id, rep.id]);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(total ?? -1);
    expect(seen).not.toContain(otherAdmin.id);
  });

  describe('role matrix', () => {
    const adminOnly: [string, string, () => Record<string, unknown>][] = [
      [
        'createUser',
        CREATE_USER,
        () => ({
          i: {
            email: `x-${Date.now()}@example.com`,
            password: 'long enough password',
            firstName: 'X',
            lastName: 'Y',
            role: 'SALES_REP',
          },
        }),
      ],
      ['updateUserRole', UPDATE_ROLE, () => ({ i: { userId: rep.id, role: 'MANAGER' } })],
      ['deactivateUser', DEACTIVATE, () => ({ id: rep.id })],
      ['createApiKey', CREATE_KEY, () => ({ i: { name: 'forms', scopes: ['INGEST'] } })],
      ['apiKeys', '{ apiKeys { id } }', () => ({})],
      ['auditLogs', AUDIT, () => ({})],
    ];

    it.each(adminOnly)(
      '%s is FORBIDDEN to MANAGER and SALES_REP',
      async (_name, query, variables) => {
        for (const user of [manager, rep]) {
          const res = await sut.gql(query, variables(), user.token);
          expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
        }
      },
    );

    it('every role reads me and the company’s users', async () => {
      for (const user of [admin, manager, rep]) {
        const res = await sut.gql('{ me { id } users { id } }', {}, user.token);
        expect(res.data?.me.id).toBe(user.id);
        expect(res.data?.users.map((u: { id: string }) => u.id).sort()).toEqual(
          [admin.id, manager.id, rep.id].sort(),
        );
      }
    });

    it('an ADMIN creates users, with validation naming the field and CONFLICT on a taken email', async () => {
      const created = await sut.gql(
        CREATE_USER,
        {
          i: {
            email: 'New.Rep@Example.com',
            password: 'long enough password',
            firstName: 'N',
            lastName: 'R',
            role: 'SALES_REP',
          },
        },
        admin.token,
      );
      expect(created.data?.createUser).toMatchObject({
        email: 'new.rep@example.com',
        role: 'SALES_REP',
      });

      const taken = await sut.gql(
        CREATE_USER,
        {
          i: {
            email: 'new.rep@example.com',
            password: 'long enough password',
            firstName: 'N',
            lastName: 'R',
            role: 'SALES_REP',
          },
        },
        admin.token,
      );
      expect(taken.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'EMAIL_TAKEN',
      });

      const bad = await sut.gql(
        CREATE_USER,
        {
          i: {
            email: 'nope',
            password: 'long enough password',
            firstName: 'N',
            lastName: 'R',
            role: 'SALES_REP',
          },
        },
        admin.token,
      );
      expect(bad.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { email: expect.any(Array) },
      });
    });

    it('keeps at least one active ADMIN', async () => {
      const res = await sut.gql(
        UPDATE_ROLE,
        { i: { userId: admin.id, role: 'MANAGER' } },
        admin.token,
      );
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'LAST_ADMIN' });
      const self = await sut.gql(DEACTIVATE, { id: admin.id }, admin.token);
      expect(self.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'SELF_DEACTIVATION',
      });
    });
  });

  describe('tenant isolation', () => {
    it('a user of another company reads as missing', async () => {
      const query = await sut.gql(
        'query($id: ID!) { user(id: $id) { id } }',
        { id: otherAdmin.id },
        admin.token,
      );
      expect(query.errors).toBeUndefined();
      expect(query.data?.user).toBeNull();

      const own = await sut.gql(
        'query($id: ID!) { user(id: $id) { id } }',
        { id: rep.id },
        admin.token,
      );
      expect(own.data?.user.id).toBe(rep.id);
    });

    it.each([
      ['updateUserRole', UPDATE_ROLE, (id: string) => ({ i: { userId: id, role: 'SALES_REP' } })],
      ['deactivateUser', DEACTIVATE, (id: string) => ({ id })],
    ])(
      '%s on another company’s user → NOT_FOUND, and nothing changes',
      async (_name, mutation, variables) => {
        const res = await sut.gql(mutation, variables(otherAdmin.id), admin.token);
        expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
        const still = await sut.gql('{ me { role isActive } }', {}, otherAdmin.token);
        expect(still.data?.me).toEqual({ role: 'ADMIN', isActive: true });
      },
    );

    it('users lists only the caller’s company', async () => {
      const res = await sut.gql('{ users { id } }', {}, otherAdmin.token);
      expect(res.data?.users).toEqual([{ id: otherAdmin.id }]);
    });

    it('rejects a malformed id as BAD_USER_INPUT naming the argument', async () => {
      const res = await sut.gql('query { user(id: "42") { id } }', {}, admin.token);
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { id: expect.any(Array) },
      });
    });
  });

  describe('API keys', () => {
    it('shows the secret once, stores only its hash, authenticates ingestion until revoked', async () => {
      const created = await sut.gql(
        CREATE_KEY,
        { i: { name: 'Web forms', scopes: ['INGEST'] } },
        admin.token,
      );
      const { secret, apiKey } = created.data!.createApiKey;
      expect(secret).toMatch(/^crm_[0-9a-f]{8}_/);
      expect(secret.startsWith(apiKey.prefix)).toBe(true);
      expect(apiKey.scopes).toEqual(['INGEST']);

      const listed = await sut.gql('{ apiKeys { id name prefix revokedAt } }', {}, admin.token);
      expect(JSON.stringify(listed.data)).not.toContain(secret);
      expect(listed.data?.apiKeys).toContainEqual({
        id: apiKey.id,
        name: 'Web forms',
        prefix: apiKey.prefix,
        revokedAt: null,
      });

      const [stored] = await sut.app
        .get(Sequelize)
        .query<{ key_hash: string }>('SELECT key_hash FROM api_keys WHERE id = $1', {
          bind: [apiKey.id],
          type: QueryTypes.SELECT,
        });
      expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);

      const keys = sut.app.get(ApiKeysService);
      const meta = { requestId: 'r', ip: '127.0.0.1' };
      expect(await keys.authenticate(meta, secret, ApiKeyScope.INGEST)).toMatchObject({
        kind: 'api_key',
        apiKeyId: apiKey.id,
        scopes: [ApiKeyScope.INGEST],
      });
      expect(await keys.authenticate(meta, `${secret}x`, ApiKeyScope.INGEST)).toBeNull();

      const revoked = await sut.gql(REVOKE_KEY, { id: apiKey.id }, admin.token);
      expect(revoked.data?.revokeApiKey.revokedAt).toBeTruthy();
      expect(await keys.authenticate(meta, secret, ApiKeyScope.INGEST)).toBeNull();
    });

    it('validates scopes and names', async () => {
      const res = await sut.gql(CREATE_KEY, { i: { name: '', scopes: [] } }, admin.token);
      expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(Object.keys(res.errors?.[0].extensions.fields)).toEqual(
        expect.arrayContaining(['name', 'scopes']),
      );
    });

    it('another company’s key cannot be listed or revoked', async () => {
      const theirs = (
        await sut.gql(CREATE_KEY, { i: { name: 'theirs', scopes: ['INGEST'] } }, otherAdmin.token)
      ).data?.createApiKey.apiKey;
      const revoke = await sut.gql(REVOKE_KEY, { id: theirs.id }, admin.token);
      expect(revoke.errors?.[0].extensions.code).toBe('NOT_FOUND');
      const listed = await sut.gql('{ apiKeys { id } }', {}, admin.token);
      expect(listed.data?.apiKeys.map((k: { id: string }) => k.id)).not.toContain(theirs.id);
    });
  });

  describe('audit log', () => {
    it('records auth events with actor, request id and changes, newest first', async () => {
      await sut.gql('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', {
        i: { email: admin.email, password: 'wrong password!!' },
      });
      const target = await newUser(sut, admin, Role.SALES_REP);
      await sut.gql(UPDATE_ROLE, { i: { userId: target.id, role: 'MANAGER' } }, admin.token);

      const res = await sut.gql(AUDIT, { f: { entityId: target.id } }, admin.token);
      const actions = res.data?.auditLogs.edges.map(
        (e: { node: { action: string } }) => e.node.action,
      );
      expect(actions).toEqual(['user.role_changed', 'auth.login_succeeded', 'user.created']);
      const changed = res.data?.auditLogs.edges[0].node;
      expect(changed).toMatchObject({
        entityType: 'User',
        actorKind: 'USER',
        actorUserId: admin.id,
        changes: { role: { from: 'SALES_REP', to: 'MANAGER' } },
      });
      expect(changed.requestId).toEqual(expect.any(String));

      const failures = await sut.gql(AUDIT, { f: { action: 'auth.login_failed' } }, admin.token);
      expect(failures.data?.auditLogs.edges[0].node).toMatchObject({
        entityId: admin.id,
        actorKind: 'ANONYMOUS',
        actorUserId: null,
        changes: { email: admin.email, reason: 'wrong password' },
      });
    });

    it('pages with cursors and never shows another company’s entries', async () => {
      const first = await sut.gql(AUDIT, { first: 2 }, admin.token);
      const total = first.data?.auditLogs.totalCount;
      expect(total).toBeGreaterThan(2);
      const seen = new Set<string>();
      let after: string | undefined;
      for (;;) {
        const page = (await sut.gql(AUDIT, { first: 2, after }, admin.token)).data?.auditLogs;
        page.edges.forEach((e: { cursor: string }) => seen.add(e.cursor));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen.size).toBe(total);

      const theirs = await sut.gql(AUDIT, { f: { entityId: admin.id } }, otherAdmin.token);
      expect(theirs.data?.auditLogs.totalCount).toBe(0);
    });
  });
});
