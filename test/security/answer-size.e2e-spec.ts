import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getNamedType, isObjectType, type GraphQLObjectType } from 'graphql';
import { MAX_CHARS } from '../../src/common/graphql/query-cost.decorators.js';
import { newCompany, type TestUser } from '../support/factories.js';
import { generateLeadsFor, generatorFor } from '../support/lead-factory.js';
import { startServerProcess } from '../support/server-process.js';
import { postGraphQL, startTestApp, TEST_JWT_SECRET, type TestApp } from '../support/test-app.js';

const MAX_ANSWER_BYTES = 1024 * 1024;
const NOTE = 'word '.repeat(2000); // 10 000 characters: the longest a deal's notes may be

/** `leads` of the company, each with `deals` deals whose notes are as long as notes get. */
async function leadsWithLongDeals(app: TestApp, admin: TestUser, leads: number, deals: number) {
  await generateLeadsFor(app, admin, leads);
  const { q, companyId } = await generatorFor(app, admin);
  await q(
    `INSERT INTO deals (company_id, lead_id, title, notes, currency, lead_score)
     SELECT l.company_id, l.id, 'Deal ' || g, $2, 'USD', 50
       FROM leads l, generate_series(1, $3) g WHERE l.company_id = $1`,
    [companyId, NOTE, deals],
  );
}

describe('answers bounded in bytes, not only in objects', () => {
  let sut: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    sut = await startTestApp({ GRAPHQL_MAX_ANSWER_BYTES: String(MAX_ANSWER_BYTES) });
    admin = await newCompany(sut);
    await leadsWithLongDeals(sut, admin, 20, 10);
  });

  afterAll(() => sut?.close());

  it('every text or JSON field declares its longest size, which weighs it', () => {
    const schema = sut.app.get(GraphQLSchemaHost).schema;
    const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name]);
    const undeclared = Object.values(schema.getTypeMap())
      .filter((t): t is GraphQLObjectType => isObjectType(t) && !t.name.startsWith('__'))
      .filter((type) => !roots.has(type.name))
      .flatMap((type) =>
        Object.values(type.getFields())
          .filter((f) => ['String', 'JSON', 'JSONObject'].includes(getNamedType(f.type).name))
          .filter((f) => typeof f.extensions[MAX_CHARS] !== 'number')
          .map((f) => `${type.name}.${f.name}`),
      );
    expect(undeclared).toEqual([]);
  });

  it('refuses before running a page of leads with their deals’ notes that would be hundreds of MB', async () => {
    // Selected or not, the notes come with each deal's row: `{ id }` reads them all the same.
    for (const deals of ['deals { notes }', 'deals { id }']) {
      const res = await sut.gql(`{ leads(first: 490) { ${deals} } }`, {}, admin.token);
      expect(res.status).toBe(400);
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'QUERY_TOO_COMPLEX',
      });
    }
  });

  it('answers ANSWER_TOO_LARGE, with no data, to a query the cost allows but whose texts pass the limit', async () => {
    // 20 leads × 10 deals × 10 000 characters ≈ 2 MB of notes; the cost is ~6 000.
    const res = await sut.gql('{ leads(first: 20) { id deals { notes } } }', {}, admin.token);
    expect(res.status).toBe(400);
    expect(res.data ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'ANSWER_TOO_LARGE',
      maxBytes: MAX_ANSWER_BYTES,
    });
  });

  it('answers a query under the limit in full', async () => {
    const res = await sut.gql<{ leads: { deals: { notes: string }[] }[] }>(
      '{ leads(first: 5) { id deals { notes } } }',
      {},
      admin.token,
    );
    expect(res.errors).toBeUndefined();
    const notes = res.data!.leads.flatMap((lead) => lead.deals.map((deal) => deal.notes));
    expect(notes).toHaveLength(50);
    expect(notes.every((n) => n.length === 10_000)).toBe(true);
  });

  it('keeps a worker within a 384 MB heap under 20 queries at once at the cost limit', async () => {
    // A tenth of the default limits, to scale: at a cost limit of 5 000, 16 leads with their deals'
    // notes is the most one query may ask for (~8 MB of notes, read whatever is selected); were the
    // answer built, twice that again as a JSON string and its buffer.
    const other = await newCompany(sut);
    await leadsWithLongDeals(sut, other, 17, 50);
    const server = await startServerProcess({
      DATABASE_URL: sut.db.url,
      DB_SKIP_MIGRATIONS: 'true',
      JWT_SECRET: TEST_JWT_SECRET,
      NODE_ENV: 'test',
      RATE_LIMIT_PER_MINUTE: '100000',
      GRAPHQL_MAX_COST: '5000',
      NODE_OPTIONS: '--max-old-space-size=384',
    });
    const ask = (leads: number) =>
      postGraphQL(
        `${server.url}/graphql`,
        `{ leads(first: ${leads}) { id deals { notes } } }`,
        {},
        other.token,
      );
    try {
      expect((await ask(17)).errors?.[0].extensions.reason).toBe('QUERY_TOO_COMPLEX');
      const answers = await Promise.all(Array.from({ length: 20 }, () => ask(16)));
      for (const res of answers) expect(res.errors?.[0].extensions.reason).toBe('ANSWER_TOO_LARGE');
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      await server.exit();
    }
  }, 90_000);
});
