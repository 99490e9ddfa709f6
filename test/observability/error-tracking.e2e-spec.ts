import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { ErrorTracking } from '../../src/observability/error-tracking.js';
import { newCompany, type TestUser } from '../support/factories.js';
import { newLead } from '../support/lead-factory.js';
import { startSentryCapture, type SentryCapture } from '../support/sentry-capture.js';
import { startServerProcess } from '../support/server-process.js';
import { createTestDatabase } from '../support/test-database.js';
import { postGraphQL, startTestApp, startTeamApp, type TestApp } from '../support/test-app.js';

/** A variable the client sends: it must not reach the report. */
const CANARY = `variable-canary-${randomUUID()}`;
const DEALS = `query DealsGone($search: String) { deals(filter: { search: $search }) { id } }`;
const LEAD_DEALS = `query LeadDeals { leads { id deals { id } } }`;
const REMOVE_LEAD = `mutation RemoveLead($id: ID!) { removeLead(id: $id) }`;

/** A realistic server fault: the database lost a table the code relies on (a bad migration). */
async function dropDeals(sut: Pick<TestApp, 'db'>): Promise<void> {
  const client = new pg.Client({ connectionString: sut.db.url });
  await client.connect();
  try {
    await client.query('ALTER TABLE deals RENAME TO deals_gone');
  } finally {
    await client.end();
  }
}

const companyOf = (token: string): string =>
  (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { cid: string }).cid;

/** Sends what the SDK has queued, so the capture server has it (or nothing) before asserting. */
const flushed = (sut: TestApp): Promise<boolean> => sut.app.get(ErrorTracking).flush();

describe('error tracking (Sentry)', () => {
  let capture: SentryCapture;

  beforeAll(async () => {
    capture = await startSentryCapture();
  });
  afterAll(() => capture.close());

  describe('without SENTRY_DSN', () => {
    let sut: TestApp;
    let admin: TestUser;

    beforeAll(async () => {
      sut = await startTestApp();
      admin = await newCompany(sut);
      await dropDeals(sut);
    });
    afterAll(() => sut.close());

    it('sends nothing, even for a server fault', async () => {
      const res = await sut.gql(DEALS, { search: CANARY }, admin.token);
      expect(res.errors?.[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(await flushed(sut)).toBe(true);
      expect(capture.envelopes).toHaveLength(0);
    });
  });

  describe('with SENTRY_DSN', () => {
    let sut: TestApp;
    let admin: TestUser;
    let rep: TestUser;

    beforeAll(async () => {
      ({ sut, admin, rep } = await startTeamApp({ SENTRY_DSN: capture.dsn }));
      await newLead(sut, admin);
      await dropDeals(sut);
    });
    afterAll(() => sut.close());
    beforeEach(() => capture.envelopes.splice(0));

    it('reports a server fault once, with its request, operation and company, and no secret', async () => {
      const res = await sut.gql(DEALS, { search: CANARY }, admin.token, {
        cookie: `session=${CANARY}`,
        'x-api-key': `crm_${CANARY}`,
      });
      expect(res.errors?.[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      await flushed(sut);

      const [event, ...more] = capture.events();
      expect(more).toHaveLength(0);
      expect(event.tags).toEqual({
        source: 'request',
        requestId: res.headers.get('x-request-id'),
        operation: 'DealsGone',
        operationType: 'query',
        companyId: companyOf(admin.token),
      });
      expect(event.user).toEqual({ id: admin.id });
      expect(event.environment).toBe('test');
      expect(event.exception.values[0].value).toMatch(/deals/);
      expect(event.request).toBeUndefined();
      const raw = capture.envelopes.map((envelope) => envelope.raw).join('\n');
      expect(raw).not.toContain(admin.token);
      expect(raw).not.toContain(admin.refreshToken);
      expect(raw).not.toContain(CANARY);
    });

    it('reports a field resolver’s fault (which no Nest filter sees) once per error', async () => {
      const res = await sut.gql(LEAD_DEALS, {}, rep.token);
      expect(res.errors?.[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      await flushed(sut);

      const events = capture.events();
      expect(events).toHaveLength(1);
      expect(events[0].tags).toMatchObject({
        requestId: res.headers.get('x-request-id'),
        operation: 'LeadDeals',
        companyId: companyOf(rep.token),
      });
      expect(events[0].user).toEqual({ id: rep.id });
    });

    it('sends nothing for client errors', async () => {
      const notFound = await sut.gql(REMOVE_LEAD, { id: randomUUID() }, admin.token);
      expect(notFound.errors?.[0].extensions.code).toBe('NOT_FOUND');
      const badInput = await sut.gql('query { deals(first: "many") { id } }', {}, admin.token);
      expect(badInput.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
      const unauthenticated = await sut.gql(DEALS, {});
      expect(unauthenticated.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      const restNotFound = await fetch(`${sut.url}/no-such-route`);
      expect(restNotFound.status).toBe(404);

      await flushed(sut);
      expect(capture.envelopes).toHaveLength(0);
    });
  });

  describe('a server process', () => {
    it('loads the SDK, and sends what is still queued before it exits 0 on SIGTERM', async () => {
      const db = await createTestDatabase();
      try {
        const sut = await startServerProcess({ DATABASE_URL: db.url, SENTRY_DSN: capture.dsn });
        await sut.waitFor(/server faults are reported to Sentry \(127\.0\.0\.1:\d+\)/);
        const gql: TestApp['gql'] = (query, variables, token, headers) =>
          postGraphQL(`${sut.url}/graphql`, query, variables, token, headers);
        const admin = await newCompany({ gql } as TestApp);
        await dropDeals({ db });
        capture.envelopes.splice(0);

        const res = await gql(DEALS, {}, admin.token);
        expect(res.errors?.[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
        sut.child.kill('SIGTERM');
        expect(await sut.exit()).toBe(0);
        expect(capture.events().map((event) => event.tags.requestId)).toEqual([
          res.headers.get('x-request-id'),
        ]);
      } finally {
        await db.drop();
      }
      // A real process boots and migrates: longer than the default on a loaded machine.
    }, 90_000);
  });
});
