import { randomBytes } from 'node:crypto';
import { Role } from '../../src/auth/role.enum.js';
import type { TestApp } from './test-app.js';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  token: string;
  refreshToken: string;
}

const unique = (): string => randomBytes(5).toString('hex');
export const PASSWORD = 'correct horse battery staple';

const AUTH_FIELDS = 'accessToken refreshToken user { id email role }';

function expectData<T>(response: { data?: T | null; errors?: unknown }): T {
  if (!response.data) throw new Error(`GraphQL call failed: ${JSON.stringify(response.errors)}`);
  return response.data;
}

/** A new company and its first ADMIN, signed in. */
export async function newCompany(
  app: TestApp,
  overrides: { companyName?: string; email?: string } = {},
): Promise<TestUser> {
  const email = overrides.email ?? `admin-${unique()}@example.com`;
  const data = expectData(
    await app.gql<{ signUp: { accessToken: string; refreshToken: string; user: { id: string } } }>(
      `mutation($input: SignUpInput!) { signUp(input: $input) { ${AUTH_FIELDS} } }`,
      {
        input: {
          companyName: overrides.companyName ?? `Company ${unique()}`,
          email,
          password: PASSWORD,
          firstName: 'Ada',
          lastName: 'Admin',
        },
      },
    ),
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

/** A user created by `admin` in the admin's company, then signed in. */
export async function newUser(
  app: TestApp,
  admin: TestUser,
  role: Role = Role.SALES_REP,
): Promise<TestUser> {
  const email = `${role.toLowerCase()}-${unique()}@example.com`;
  expectData(
    await app.gql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email, password: PASSWORD, firstName: 'Sam', lastName: 'Seller', role } },
      admin.token,
    ),
  );
  return login(app, email, PASSWORD);
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

/** An API key of the admin's company; its secret is what a lead-capture form sends. */
export async function newApiKey(
  app: TestApp,
  admin: TestUser,
  scopes: string[] = ['INGEST'],
): Promise<{ id: string; secret: string }> {
  const data = expectData(
    await app.gql<{ createApiKey: { secret: string; apiKey: { id: string } } }>(
      'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { id } } }',
      { i: { name: `form ${unique()}`, scopes } },
      admin.token,
    ),
  );
  return { id: data.createApiKey.apiKey.id, secret: data.createApiKey.secret };
}
