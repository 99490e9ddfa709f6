import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { TEST_JWT_SECRET } from '../support/test-app.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

interface Sent {
  key: string;
  email: string;
  body: string;
  /** The first answer, when one came: null when the server died first. */
  status: number | null;
  leadId: string | null;
}

const REQUESTS = Number(process.env.DURABILITY_REQUESTS ?? 1500);
const log = (m: string): void => {
  if (process.env.DEBUG_DURABILITY) console.log(new Date().toISOString(), m);
};
const CONNECTIONS = 50;

async function post(
  url: string,
  secret: string,
  request: Pick<Sent, 'key' | 'body'>,
): Promise<{ status: number; leadId: string | null } | null> {
  try {
    const res = await fetch(`${url}/api/lead`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': secret,
        'idempotency-key': request.key,
      },
      body: request.body,
    });
    const body = (await res.json()) as { lead_id?: string | null };
    return { status: res.status, leadId: body.lead_id ?? null };
  } catch {
    return null; // the connection died with the server: no answer
  }
}

async function gql(url: string, token: string, query: string, variables: object): Promise<any> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return ((await res.json()) as { data: any }).data;
}

/**
 * The journal's promise, against a real server process killed with SIGKILL halfway through a run:
 * an answered submission is stored, a stored one ends with exactly one lead, and a resend of
 * any of them finds it.
 */
describe('ingestion survives kill -9', () => {
  let db: TestDatabase;
  let client: pg.Client;
  const env = (): Record<string, string> => ({
    DATABASE_URL: db.url,
    JWT_SECRET: TEST_JWT_SECRET,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '1000000',
    INGEST_RATE_LIMIT_PER_MINUTE: '1000000',
    INGEST_REPROCESS_INTERVAL_MS: '200',
    INGEST_LEASE_SECONDS: '8',
    DB_POOL_MAX: '10',
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  const count = async (sql: string, values: unknown[] = []): Promise<number> =>
    Number((await client.query<{ n: string }>(sql, values)).rows[0].n);

  it('keeps every answered submission and ends every key and e-mail with one lead', async () => {
    let server: ServerProcess = await startServerProcess(env());
    const signUp = await gql(
      server.url,
      '',
      'mutation($i: SignUpInput!) { signUp(input: $i) { accessToken } }',
      {
        i: {
          companyName: 'Durable',
          email: `admin-${randomUUID()}@example.com`,
          password: 'correct horse battery staple',
          firstName: 'Ada',
          lastName: 'Admin',
        },
      },
    );
    const token = signUp.signUp.accessToken as string;
    const created = await gql(
      server.url,
      token,
      'mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }',
      { i: { name: 'form', scopes: ['INGEST'] } },
    );
    const secret = created.createApiKey.secret as string;

    // One request in ten repeats an earlier e-mail: those merge rather than make a second lead.
    const sent: Sent[] = Array.from({ length: REQUESTS }, (_, i) => {
      const email = `p${i % 10 === 9 ? i - 1 : i}-${randomUUID().slice(0, 4)}@durable.test`;
      return { key: randomUUID(), email, body: '', status: null, leadId: null };
    });
    for (const [i, s] of sent.entries()) {
      if (i % 10 === 9) s.email = sent[i - 1].email;
      s.body = JSON.stringify({ email: s.email, firstName: `N${i}` });
    }

    let next = 0;
    let answered = 0;
    const killAt = Math.floor(REQUESTS * 0.4);
    let killed = false;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < sent.length) {
          const request = sent[next++];
          const answer = await post(server.url, secret, request);
          if (answer) {
            request.status = answer.status;
            request.leadId = answer.leadId;
            answered++;
          }
          if (!killed && answered >= killAt) {
            killed = true;
            server.child.kill('SIGKILL');
          }
        }
      }),
    );
    log(`sent, answered ${answered}`);
    expect(killed).toBe(true);
    await server.exit();
    const acknowledged = sent.filter((s) => s.status !== null);
    expect(acknowledged.length).toBeGreaterThanOrEqual(killAt);
    expect(acknowledged.every((s) => [200, 201, 202, 409].includes(s.status!))).toBe(true);

    // Every answered request has its raw row.
    const keys = new Set(
      (
        await client.query<{ idempotency_key: string }>('SELECT idempotency_key FROM leads_raw')
      ).rows.map((r) => r.idempotency_key),
    );
    expect(acknowledged.filter((s) => !keys.has(s.key))).toEqual([]);

    log(
      `left mid-way: ${await count("SELECT count(*) AS n FROM leads_raw WHERE status = 'RECEIVED'")}`,
    );
    // A new instance takes over what the dead one held, and drains the queue.
    server = await startServerProcess(env());
    log('second server up');
    try {
      for (let waited = 0; waited < 30_000; waited += 250) {
        const open = await count(
          `SELECT count(*) AS n FROM leads_raw WHERE status IN ('RECEIVED', 'QUEUED')`,
        );
        if (open === 0) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(
        await count(
          `SELECT count(*) AS n FROM leads_raw WHERE status NOT IN ('PROCESSED', 'MERGED')`,
        ),
      ).toBe(0);
      // Each stored submission has its lead, and no e-mail has two.
      expect(await count('SELECT count(*) AS n FROM leads_raw WHERE lead_id IS NULL')).toBe(0);
      expect(
        await count(
          'SELECT count(*) AS n FROM (SELECT lower(email) FROM leads GROUP BY 1 HAVING count(*) > 1) d',
        ),
      ).toBe(0);

      log('drained');
      // Everything sent again with its key: an acknowledged one answers 409 with its lead.
      const again = await Promise.all(sent.map((s) => post(server.url, secret, s)));
      sent.forEach((s, i) => {
        const answer = again[i]!;
        if (s.status === 201 || s.status === 200) {
          expect({ key: s.key, ...answer }).toEqual({ key: s.key, status: 409, leadId: s.leadId });
        } else {
          expect([200, 201, 409]).toContain(answer.status);
        }
      });
      const emails = new Set(sent.map((s) => s.email));
      expect(await count('SELECT count(*) AS n FROM leads')).toBe(emails.size);
      expect(await count('SELECT count(*) AS n FROM leads_idempotency WHERE lead_id IS NULL')).toBe(
        0,
      );
      expect(await count('SELECT count(DISTINCT key) AS n FROM leads_idempotency')).toBe(REQUESTS);

      log('resent');
      // 500 at once with one key and one body: one lead, a raw row each, the others 409.
      const key = randomUUID();
      const body = JSON.stringify({ email: `storm-${key}@durable.test` });
      const storm = await Promise.all(
        Array.from({ length: 500 }, () => post(server.url, secret, { key, body })),
      );
      const statuses = storm.map((a) => a?.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(499);
      expect(
        await count('SELECT count(*) AS n FROM leads_raw WHERE idempotency_key = $1', [key]),
      ).toBe(500);
      expect(
        await count(`SELECT count(*) AS n FROM leads WHERE email = $1`, [
          `storm-${key}@durable.test`,
        ]),
      ).toBe(1);
    } finally {
      server.child.kill('SIGTERM');
      await server.exit();
    }
  }, 120_000);
});
