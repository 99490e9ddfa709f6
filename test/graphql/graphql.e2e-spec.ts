import { readFileSync, writeFileSync } from 'node:fs';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { Sequelize } from 'sequelize-typescript';
import { newCompany, type TestUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SCHEMA_FILE = new URL('../../schema.graphql', import.meta.url);

describe('GraphQL endpoint', () => {
  let sut: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    sut = await startTestApp({
      GRAPHQL_MAX_DEPTH: '3',
      GRAPHQL_MAX_COST: '40',
      GRAPHQL_MAX_ALIASES: '3',
    });
    admin = await newCompany(sut);
  });
  afterAll(() => sut.close());

  it('matches the committed schema.graphql (run `pnpm run schema:generate` after changing the API)', () => {
    const printed = `${printSchema(lexicographicSortSchema(sut.app.get(GraphQLSchemaHost).schema))}\n`;
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, printed);
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printed);
  });

  it('refuses a query deeper than the limit', async () => {
    const res = await sut.gql(
      '{ auditLogs { edges { node { id } } pageInfo { hasNextPage } } }',
      {},
      admin.token,
    );
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'QUERY_TOO_COMPLEX',
    });
    expect(res.errors?.[0].message).toMatch(/depth limit of 3 exceeded/i);
    expect(res.data).toBeUndefined();
  });

  it('refuses a query costlier than the limit, counting `first` as a multiplier', async () => {
    expect(
      (await sut.gql('{ users(first: 2) { id email } }', {}, admin.token)).data?.users,
    ).toHaveLength(1);
    const res = await sut.gql('{ users(first: 100) { id email } }', {}, admin.token);
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'QUERY_TOO_COMPLEX',
    });
    expect(res.errors?.[0].message).toMatch(/cost/i);
  });

  it('refuses too many aliases', async () => {
    const res = await sut.gql(
      '{ a: me { id } b: me { id } c: me { id } d: me { id } }',
      {},
      admin.token,
    );
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/aliases/i);
  });

  it('answers a query within the limits, compact and never to be cached', async () => {
    const res = await sut.gql('{ me { id } }', {}, admin.token);
    expect(res.data?.me.id).toBe(admin.id);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const raw = await fetch(`${sut.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(await raw.text()).toBe(JSON.stringify({ data: { me: { id: admin.id } } }));
  });

  it('refuses batched requests', async () => {
    const response = await fetch(`${sut.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      body: JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain(admin.id);
  });

  it('blocks a simple cross-site request (CSRF prevention)', async () => {
    const response = await fetch(
      `${sut.url}/graphql?query=${encodeURIComponent('{ __typename }')}`,
    );
    expect(response.status).toBe(400);
    const preflighted = await fetch(
      `${sut.url}/graphql?query=${encodeURIComponent('{ __typename }')}`,
      {
        headers: { 'apollo-require-preflight': 'true' },
      },
    );
    expect(preflighted.status).toBe(200);
  });

  it('suggests no field names to a probing client', async () => {
    const res = await sut.gql('{ mee { id } }', {}, admin.token);
    expect(res.errors?.[0].message).not.toMatch(/did you mean/i);
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_QUERY',
    });
  });

  it('echoes a sane X-Request-Id and generates one otherwise', async () => {
    const echoed = await fetch(`${sut.url}/health`, { headers: { 'x-request-id': 'trace-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-123');
    const generated = await fetch(`${sut.url}/health`, {
      headers: { 'x-request-id': 'bad id with spaces' },
    });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers and refuses bodies over the limit', async () => {
    const res = await fetch(`${sut.url}/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const big = await fetch(`${sut.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ me { id } } # ${'x'.repeat(1_100_000)}` }),
    });
    expect(big.status).toBe(413);
  });
});

describe('GraphQL in production mode', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-production-secret-of-more-than-32-bytes',
      GRAPHQL_IDE: undefined,
    });
  });
  afterAll(() => sut.close());

  it('turns introspection off', async () => {
    const res = await sut.gql('{ __schema { queryType { name } } }');
    expect(res.errors?.[0].message).toMatch(/introspection/i);
    expect(res.data?.__schema).toBeUndefined();
  });

  it('serves no IDE at GET /graphql', async () => {
    const res = await fetch(`${sut.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.headers.get('content-type') ?? '').not.toContain('text/html');
  });

  it('masks internal errors and shows no stack trace, but keeps client errors readable', async () => {
    const admin = await newCompany(sut);
    await sut.app.get(Sequelize).close(); // the next query fails inside the server
    const res = await sut.gql('{ me { id } }', {}, admin.token);
    expect(res.errors?.[0]).toEqual(
      expect.objectContaining({
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'INTERNAL' },
      }),
    );
    expect(JSON.stringify(res)).not.toMatch(/sequelize|ConnectionManager|at /i);

    const client = await sut.gql('{ me { id } }');
    expect(client.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/access token/),
      extensions: { code: 'UNAUTHENTICATED', reason: 'MISSING_ACCESS_TOKEN' },
    });
    expect(client.errors?.[0].extensions.stacktrace).toBeUndefined();
  });
});
