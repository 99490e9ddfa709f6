import { randomBytes, randomUUID } from 'node:crypto';
import { ApiKeyScope } from '../../src/auth/api-key-scope.enum.js';
import type { ApiKeyCaller, UserCaller } from '../../src/auth/auth-context.js';
import { Role } from '../../src/auth/role.enum.js';
import { ActorKind } from '../../src/common/events/actor.js';
import type { ServiceHarness } from './service-harness.js';
import type { TestApp } from './test-app.js';

/**
 * The one factory family. Each `new…` takes where it makes the record first: a TestApp (e2e
 * specs: through the API, as a client would, giving signed-in users) or a ServiceHarness
 * (service specs: rows in the database, giving the callers a valid token of theirs would give).
 */
export type FactoryTarget = TestApp | ServiceHarness;

export const viaApi = (target: FactoryTarget): target is TestApp => 'gql' in target;

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  token: string;
  refreshToken: string;
}

export const unique = (): string => randomBytes(5).toString('hex');
export const PASSWORD = 'correct horse battery staple';

const AUTH_FIELDS = 'accessToken refreshToken user { id email role }';

export function expectData<T>(response: { data?: T | null; errors?: unknown }): T {
  if (!response.data) throw new Error(`GraphQL call failed: ${JSON.stringify(response.errors)}`);
  return response.data;
}

/** A new company and its first ADMIN (signed in through the API; a caller in the database). */
export async function newCompany(
  app: TestApp,
  overrides?: { companyName?: string; email?: string },
): Promise<TestUser>;
export async function newCompany(sut: ServiceHarness): Promise<UserCaller>;
export async function newCompany(
  target: FactoryTarget,
  overrides: { companyName?: string; email?: string } = {},
): Promise<TestUser | UserCaller> {
  if (!viaApi(target)) {
    const [row] = await target.sql<{ id: string }>(
      'INSERT INTO companies (name) VALUES ($1) RETURNING id',
      [`Company ${unique()}`],
    );
    return insertUser(target, row.id, Role.ADMIN);
  }
  const email = overrides.email ?? `admin-${unique()}@example.com`;
  const data = expectData(
    await target.gql<{
      signUp: { accessToken: string; refreshToken: string; user: { id: string } };
    }>(`mutation($input: SignUpInput!) { signUp(input: $input) { ${AUTH_FIELDS} } }`, {
      input: {
        companyName: overrides.companyName ?? `Company ${unique()}`,
        email,
        password: PASSWORD,
        firstName: 'Ada',
        lastName: 'Admin',
      },
    }),
  );
  return {
    id: data.signUp.user.id,
    email,
    password: PASSWORD,
    role: Role.ADMIN,
    token: data.signUp.accessToken,
    refreshToken: data.signUp.refreshToken,
  };
}

/** A user of `admin`'s company (created by that admin through the API, then signed in). */
export async function newUser(app: TestApp, admin: TestUser, role?: Role): Promise<TestUser>;
export async function newUser(
  sut: ServiceHarness,
  colleague: { companyId: string },
  role?: Role,
): Promise<UserCaller>;
export async function newUser(
  target: FactoryTarget,
  admin: TestUser | { companyId: string },
  role: Role = Role.SALES_REP,
): Promise<TestUser | UserCaller> {
  if (!viaApi(target)) return insertUser(target, (admin as { companyId: string }).companyId, role);
  const email = `${role.toLowerCase()}-${unique()}@example.com`;
  expectData(
    await target.gql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email, password: PASSWORD, firstName: 'Sam', lastName: 'Seller', role } },
      (admin as TestUser).token,
    ),
  );
  return login(target, email, PASSWORD);
}

async function insertUser(sut: ServiceHarness, companyId: string, role: Role): Promise<UserCaller> {
  const [row] = await sut.sql<{ id: string }>(
    `INSERT INTO users (company_id, email, password_hash, first_name, last_name, role)
     VALUES ($1, $2, 'not-a-hash', 'Sam', 'Seller', $3) RETURNING id`,
    [companyId, `${role.toLowerCase()}-${unique()}@example.com`, role],
  );
  return {
    kind: ActorKind.USER,
    userId: row.id,
    companyId,
    role,
    requestId: randomUUID(),
    ip: '127.0.0.1',
  };
}

export async function login(app: TestApp, email: string, password: string): Promise<TestUser> {
  const data = expectData(
    await app.gql<{
      login: { accessToken: string; refreshToken: string; user: { id: string; role: Role } };
    }>(`mutation($input: LoginInput!) { login(input: $input) { ${AUTH_FIELDS} } }`, {
      input: { email, password },
    }),
  );
  return {
    id: data.login.user.id,
    email,
    password,
    role: data.login.user.role,
    token: data.login.accessToken,
    refreshToken: data.login.refreshToken,
  };
}

/**
 * An API key of the admin's company: through the API its id and the secret a lead-capture form
 * sends; in the database the caller presenting that secret would be.
 */
export async function newApiKey(
  app: TestApp,
  admin: TestUser,
  scopes?: string[],
): Promise<{ id: string; secret: string }>;
export async function newApiKey(
  sut: ServiceHarness,
  colleague: { companyId: string },
  scopes?: ApiKeyScope[],
): Promise<ApiKeyCaller>;
export async function newApiKey(
  target: FactoryTarget,
  admin: TestUser | { companyId: string },
  given?: string[],
): Promise<{ id: string; secret: string } | ApiKeyCaller> {
  if (!viaApi(target)) {
    // In the database a scope is stored by its value ('ingest')…
    const scopes = given ?? [ApiKeyScope.INGEST];
    const { companyId } = admin as { companyId: string };
    const [row] = await target.sql<{ id: string }>(
      `INSERT INTO api_keys (company_id, name, prefix, key_hash, scopes)
       VALUES ($1, 'form', 'crm_test', $2, $3) RETURNING id`,
      [companyId, randomBytes(32).toString('hex'), scopes],
    );
    return {
      kind: ActorKind.API_KEY,
      apiKeyId: row.id,
      companyId,
      scopes: scopes as ApiKeyScope[],
      requestId: randomUUID(),
      ip: '203.0.113.7',
    };
  }
  const data = expectData(
    await target.gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
      'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id } } }',
      // …while GraphQL takes the enum's name (INGEST).
      { i: { name: `form ${unique()}`, scopes: given ?? ['INGEST'] } },
      (admin as TestUser).token,
    ),
  );
  return { id: data.createApiKey.apiKey.id, secret: data.createApiKey.secret };
}

/** A company's people for rule tests: its admin, a manager, two reps, and another company's admin. */
export interface Team<U> {
  admin: U;
  manager: U;
  rep: U;
  otherRep: U;
  outsider: U;
}

export async function newTeam(app: TestApp): Promise<Team<TestUser>>;
export async function newTeam(sut: ServiceHarness): Promise<Team<UserCaller>>;
export async function newTeam(target: FactoryTarget): Promise<Team<TestUser | UserCaller>> {
  // Each overload pair is the same function: the casts only pick which face runs.
  const company = newCompany as (t: FactoryTarget) => Promise<TestUser | UserCaller>;
  const user = newUser as (t: FactoryTarget, a: unknown, r: Role) => Promise<TestUser | UserCaller>;
  const admin = await company(target);
  // At once: each account costs a password hash, and a loaded machine runs them side by side.
  const [manager, rep, otherRep, outsider] = await Promise.all([
    user(target, admin, Role.MANAGER),
    user(target, admin, Role.SALES_REP),
    user(target, admin, Role.SALES_REP),
    company(target),
  ]);
  return { admin, manager, rep, otherRep, outsider };
}
