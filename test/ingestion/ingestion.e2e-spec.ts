import { randomUUID } from 'node:crypto';
import { Sequelize } from 'sequelize-typescript';
import { startTcpProxy } from '../../devkit/tcp-proxy.js';
import { Role } from '../../src/auth/role.enum.js';
import { ReprocessingJob } from '../../src/ingestion/reprocessing.job.js';
import { newApiKey, newCompany, newUser, type TestUser } from '../support/factories.js';
import { createTestDatabase } from '../support/test-database.js';
import { submitLead as post, type FormAnswer as Answer } from '../support/lead-form.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const email = (): string => `lead-${randomUUID()}@example.com`;

const RAW_LEADS = `query($f: RawLeadFilter) { rawLeadsConnection(first: 100, filter: $f) {
  totalCount edges { node { id status body payload idempotencyKey leadId omittedFields error } } } }`;

describe('POST /api/lead', () => {
  let sut: TestApp;
  let admin: TestUser;
  let key: { id: string; secret: string };
  let other: { admin: TestUser; key: { id: string; secret: string } };

  beforeAll(async () => {
    sut = await startTestApp({ INGEST_BODY_LIMIT_BYTES: '4096' });
    admin = await newCompany(sut);
    key = await newApiKey(sut, admin);
    const otherAdmin = await newCompany(sut);
    other = { admin: otherAdmin, key: await newApiKey(sut, otherAdmin) };
  });
  afterAll(() => sut.close());

  const sql = <T extends object>(query: string, bind: unknown[] = []): Promise<T[]> =>
    sut.app.get(Sequelize).query<T>(query, { bind, type: 'SELECT' as never });
  const rawRowsOf = async (
    address: string,
  ): Promise<{ status: string; lead_id: string | null }[]> =>
    sql(`SELECT status, lead_id FROM leads_raw WHERE body::text LIKE '%' || $1 || '%'`, [
      Buffer.from(address).toString('hex'),
    ]);
  const leadsOf = async (address: string): Promise<{ id: string }[]> =>
    sql('SELECT id FROM leads WHERE lower(email) = $1', [address.toLowerCase()]);

  it('creates a lead (201) from the sender’s fields, kept as sent, with its submission linked', async () => {
    const address = email();
    const res = await post(sut, key.secret, {
      first_name: 'Ann',
      LastName: '',
      email: ` ${address.toUpperCase()} `,
      phone: '+351 912 345 678',
      country: 'PT',
      lang: 'pt',
      click_id: 'c-1',
      sourcetype: 'facebook',
      description: 'Wants a call',
      unknown: 'kept in the raw row',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ ok: true, lead_id: expect.any(String), deduplicated: false });
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const lead = await sut.gql(
      `query($id: ID!) { lead(id: $id) { firstName lastName email phone country language source
        attribution { clickId sourceType description creo }
        submissions { status idempotencyKey body omittedFields } } }`,
      { id: res.body.lead_id },
      admin.token,
    );
    expect(lead.data?.lead).toMatchObject({
      firstName: 'Ann',
      lastName: '',
      email: address,
      phone: '+351 912 345 678',
      country: 'PT',
      language: 'pt',
      source: 'facebook',
      attribution: {
        clickId: 'c-1',
        sourceType: 'facebook',
        description: 'Wants a call',
        creo: null,
      },
      submissions: [{ status: 'PROCESSED', idempotencyKey: null, omittedFields: [] }],
    });
    expect(lead.data?.lead.submissions[0].body).toContain('kept in the raw row');
    const [audit] = await sql<{ actor_kind: string; actor_api_key_id: string }>(
      `SELECT actor_kind, actor_api_key_id FROM audit_logs WHERE entity_id = $1 AND action = 'lead.created'`,
      [res.body.lead_id],
    );
    expect(audit).toEqual({ actor_kind: 'api_key', actor_api_key_id: key.id });
  });

  it('merges (200) a submission whose e-mail is a lead’s: empty fields filled, nothing overwritten', async () => {
    const address = email();
    const first = await post(sut, key.secret, { email: address, firstName: 'Ann' });
    const second = await post(sut, key.secret, {
      email: address.toUpperCase(),
      firstName: 'Annie',
      phone: '5550123',
    });
    expect(second.status).toBe(200);
    expect(second.body).toEqual({
      ok: true,
      lead_id: first.body.lead_id,
      deduplicated: false,
      merged: true,
    });
    expect(await leadsOf(address)).toHaveLength(1);
    const lead = await sut.gql(
      'query($id: ID!) { lead(id: $id) { firstName phone submissions { status } } }',
      { id: first.body.lead_id },
      admin.token,
    );
    expect(lead.data?.lead).toEqual({
      firstName: 'Ann',
      phone: '5550123',
      submissions: [{ status: 'MERGED' }, { status: 'PROCESSED' }],
    });
  });

  it('merges a resend of the same person from a form with attribution, adding what the lead lacked', async () => {
    const address = email();
    const first = await post(sut, key.secret, {
      email: address,
      sourcetype: 'facebook',
      click_id: 'c-1',
    });
    const second = await post(sut, key.secret, {
      email: address,
      click_id: 'c-2',
      creo: 'b-7',
      lang: 'pt',
    });
    expect([first.status, second.status]).toEqual([201, 200]);
    const lead = await sut.gql(
      'query($id: ID!) { lead(id: $id) { language attribution { clickId creo sourceType } } }',
      { id: first.body.lead_id },
      admin.token,
    );
    expect(lead.data?.lead).toEqual({
      language: 'pt',
      attribution: { clickId: 'c-1', creo: 'b-7', sourceType: 'facebook' },
    });
  });

  it('leaves out a value no column can hold (a NUL), and stores a number jsonb refuses', async () => {
    const address = email();
    const nul = await post(
      sut,
      key.secret,
      `{"email":"${address}","firstName":"A\\u0000B","lastName":"Lee"}`,
    );
    expect(nul.status).toBe(201);
    const [lead] = await sql<{ first_name: string; last_name: string }>(
      'SELECT first_name, last_name FROM leads WHERE id = $1',
      [nul.body.lead_id],
    );
    expect(lead).toEqual({ first_name: '', last_name: 'Lee' });
    expect(await rawRowsOf(address)).toEqual([{ status: 'PROCESSED', lead_id: nul.body.lead_id }]);
    const huge = await post(sut, key.secret, `{"email":"${email()}","n":1e999999}`);
    expect(huge.status).toBe(201);
  });

  it('refuses (422) a reused key whatever the new payload holds', async () => {
    const idempotencyKey = randomUUID();
    await post(sut, key.secret, { email: email() }, { 'idempotency-key': idempotencyKey });
    const noEmail = await post(
      sut,
      key.secret,
      { firstName: 'x' },
      { 'idempotency-key': idempotencyKey },
    );
    const notObject = await post(sut, key.secret, '[1]', { 'idempotency-key': idempotencyKey });
    expect([noEmail.status, notObject.status]).toEqual([422, 422]);
  });

  it('answers a resend with the same key and payload 409 with the first lead, keys in any order', async () => {
    const address = email();
    const idempotencyKey = randomUUID();
    const first = await post(
      sut,
      key.secret,
      { email: address, firstName: 'Ann' },
      { 'idempotency-key': idempotencyKey },
    );
    const again = await post(sut, key.secret, `{ "firstName": "Ann", "email": "${address}" }`, {
      'idempotency-key': idempotencyKey,
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ ok: true, lead_id: first.body.lead_id, deduplicated: true });
    expect((await rawRowsOf(address)).map((r) => r.status).sort()).toEqual([
      'DUPLICATE',
      'PROCESSED',
    ]);
  });

  it('refuses (422) the same key with another payload, and changes nothing', async () => {
    const address = email();
    const idempotencyKey = randomUUID();
    await post(
      sut,
      key.secret,
      { email: address, firstName: 'Ann' },
      { 'idempotency-key': idempotencyKey },
    );
    const reused = await post(
      sut,
      key.secret,
      { email: address, firstName: 'Bob', phone: '1' },
      {
        'idempotency-key': idempotencyKey,
      },
    );
    expect(reused.status).toBe(422);
    expect(reused.body).toEqual({ ok: false, error: 'idempotency_key_reused' });
    const [lead] = await sql<{ first_name: string; phone: string | null }>(
      'SELECT first_name, phone FROM leads WHERE email = $1',
      [address],
    );
    expect(lead).toEqual({ first_name: 'Ann', phone: null });
  });

  it('lets two companies use one key: each gets its own lead', async () => {
    const idempotencyKey = randomUUID();
    const address = email();
    const mine = await post(
      sut,
      key.secret,
      { email: address },
      { 'idempotency-key': idempotencyKey },
    );
    const theirs = await post(
      sut,
      other.key.secret,
      { email: address },
      { 'idempotency-key': idempotencyKey },
    );
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(mine.body.lead_id).not.toBe(theirs.body.lead_id);
  });

  it('stores a body that is not a JSON object, then answers 400', async () => {
    const marker = randomUUID();
    for (const body of [`{"email": "${marker}@x.io",`, `["${marker}"]`]) {
      const res = await post(sut, key.secret, body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ ok: false, error: 'invalid_payload' });
    }
    const raws = await sut.gql(RAW_LEADS, { f: { status: ['INVALID'] } }, admin.token);
    const mine = raws.data?.rawLeadsConnection.edges.filter((e: { node: { body: string } }) =>
      e.node.body.includes(marker),
    );
    expect(mine.map((e: { node: { payload: unknown } }) => e.node.payload)).toEqual([
      [marker],
      null,
    ]);
  });

  it('stores a body that is not a JSON object once, as its bytes, without a jsonb copy', async () => {
    const marker = randomUUID();
    const bodies = [`["${marker}"]`, `"${marker}"`, `{"firstName":"${marker}"}`];
    for (const body of bodies) await post(sut, key.secret, body);
    const rows = await sql<{ body: Buffer; stored: boolean }>(
      `SELECT body, payload IS NOT NULL AS stored FROM leads_raw WHERE position($1 in body) > 0`,
      [Buffer.from(marker)],
    );
    const storedOf = (body: string) => rows.find((r) => r.body.toString('utf8') === body)?.stored;
    // Only the object — the one body fields are read from — has its jsonb copy.
    expect(bodies.map(storedOf)).toEqual([false, false, true]);
  });

  it('keeps every byte, even ones that are not UTF-8 or JSON that jsonb cannot hold', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"email":"x@x.io","note":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}'),
    ]);
    const res = await fetch(`${sut.url}/api/lead`, {
      method: 'POST',
      headers: { 'x-api-key': key.secret, 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    expect(res.status).toBeLessThan(500);
    const nul = await post(sut, key.secret, `{"email":"${email()}","note":"a\\u0000b"}`);
    expect(nul.status).toBe(201);
    const [stored] = await sql<{ body: Buffer }>(`SELECT body FROM leads_raw WHERE body = $1`, [
      bytes,
    ]);
    expect(Buffer.compare(stored.body, bytes)).toBe(0);
  });

  it('stores a JSON object without a usable e-mail and answers 202 rejected, visible to admins', async () => {
    const res = await post(sut, key.secret, { firstName: 'No', email: 'not-an-email' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      ok: true,
      lead_id: null,
      raw_id: expect.any(String),
      status: 'rejected',
    });
    const raws = await sut.gql(RAW_LEADS, { f: { status: ['REJECTED'] } }, admin.token);
    const row = raws.data?.rawLeadsConnection.edges.find(
      (e: { node: { id: string } }) => e.node.id === res.body.raw_id,
    );
    expect(row.node).toMatchObject({ leadId: null, omittedFields: ['email'] });
  });

  it('answers 401 to a missing, unknown or revoked key, and stores nothing', async () => {
    const before = await sql<{ n: number }>('SELECT count(*)::int AS n FROM leads_raw');
    const revoked = await newApiKey(sut, admin);
    await sut.gql(
      'mutation($id: ID!) { revokeApiKey(id: $id) { id } }',
      { id: revoked.id },
      admin.token,
    );
    for (const secret of [null, 'crm_nope', revoked.secret]) {
      const res = await post(sut, secret, { email: email() });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ ok: false, error: 'unauthorized' });
    }
    const bearer = await fetch(`${sut.url}/api/lead`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: email() }),
    });
    expect(bearer.status).toBe(201);
    const after = await sql<{ n: number }>('SELECT count(*)::int AS n FROM leads_raw');
    expect(after[0].n).toBe(before[0].n + 1);
  });

  it('answers 413 to a body over the limit, and 400 to an unusable Idempotency-Key', async () => {
    const big = await post(sut, key.secret, { email: email(), description: 'x'.repeat(5000) });
    expect(big.status).toBe(413);
    expect(big.body).toEqual({ ok: false, error: 'payload_too_large' });
    const badKey = await post(
      sut,
      key.secret,
      { email: email() },
      { 'idempotency-key': 'x'.repeat(256) },
    );
    expect(badKey.status).toBe(400);
  });

  it('gives exactly one lead to many requests racing with one key, and a raw row to each', async () => {
    const address = email();
    const idempotencyKey = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 60 }, () =>
        post(
          sut,
          key.secret,
          { email: address, firstName: 'Race' },
          { 'idempotency-key': idempotencyKey },
        ),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(59);
    expect(new Set(answers.map((a) => a.body.lead_id)).size).toBe(1);
    expect(await leadsOf(address)).toHaveLength(1);
    expect(await rawRowsOf(address)).toHaveLength(60);
  });

  it('shows the journal to its own company’s admins only', async () => {
    const rep = await newUser(sut, admin, Role.SALES_REP);
    const denied = await sut.gql(RAW_LEADS, {}, rep.token);
    expect(denied.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const mine = await post(sut, key.secret, { email: email() });
    const theirs = await sut.gql(RAW_LEADS, {}, other.admin.token);
    const ids = theirs.data?.rawLeadsConnection.edges.map(
      (e: { node: { leadId: string } }) => e.node.leadId,
    );
    expect(ids).not.toContain(mine.body.lead_id);
    const [raw] = await sql<{ id: string }>('SELECT id FROM leads_raw WHERE lead_id = $1', [
      mine.body.lead_id,
    ]);
    const reprocess = await sut.gql(
      'mutation($id: ID!) { reprocessRawLead(id: $id) { id } }',
      { id: raw.id },
      other.admin.token,
    );
    expect(reprocess.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('queues (202) a submission whose lead cannot be written, and the reprocessor makes it', async () => {
    const address = email();
    await sql(
      `ALTER TABLE leads ADD CONSTRAINT test_blocked CHECK (email <> '${address}') NOT VALID`,
    );
    let queued: Answer;
    try {
      queued = await post(sut, key.secret, { email: address, firstName: 'Later' });
    } finally {
      await sql('ALTER TABLE leads DROP CONSTRAINT test_blocked');
    }
    expect(queued.status).toBe(202);
    expect(queued.body).toEqual({
      ok: true,
      lead_id: null,
      raw_id: expect.any(String),
      status: 'queued',
    });
    await sql(`UPDATE leads_raw SET next_attempt_at = now() WHERE id = $1`, [queued.body.raw_id]);
    expect(await sut.app.get(ReprocessingJob).run()).toBeGreaterThanOrEqual(1);
    const [raw] = await rawRowsOf(address);
    expect(raw.status).toBe('PROCESSED');
    expect(await leadsOf(address)).toEqual([{ id: raw.lead_id }]);
  });

  it('hands a key whose holder failed for good to its next resend, which makes the lead', async () => {
    const address = email();
    const idempotencyKey = randomUUID();
    const body = { email: address, firstName: 'Retry' };
    await sql(
      `ALTER TABLE leads ADD CONSTRAINT test_blocked CHECK (email <> '${address}') NOT VALID`,
    );
    let first: Answer;
    try {
      first = await post(sut, key.secret, body, { 'idempotency-key': idempotencyKey });
    } finally {
      await sql('ALTER TABLE leads DROP CONSTRAINT test_blocked');
    }
    expect(first.status).toBe(202);
    // As the reprocessor leaves it after its last attempt.
    await sql(`UPDATE leads_raw SET status = 'FAILED' WHERE id = $1`, [first.body.raw_id]);

    const resend = await post(sut, key.secret, body, { 'idempotency-key': idempotencyKey });
    expect(resend.status).toBe(201);
    const leads = await leadsOf(address);
    expect(leads).toEqual([{ id: resend.body.lead_id }]);
    const again = await post(sut, key.secret, body, { 'idempotency-key': idempotencyKey });
    expect(again).toMatchObject({ status: 409, body: { lead_id: resend.body.lead_id } });
    // The one that failed is queued again, and ends as a duplicate of the lead its key now has.
    expect((await rawRowsOf(address)).map((r) => r.status).sort()).toEqual([
      'DUPLICATE',
      'PROCESSED',
      'QUEUED',
    ]);
    await sql(`UPDATE leads_raw SET next_attempt_at = now() WHERE id = $1`, [first.body.raw_id]);
    await sut.app.get(ReprocessingJob).run();
    const [old] = await sql<{ status: string; lead_id: string }>(
      'SELECT status, lead_id FROM leads_raw WHERE id = $1',
      [first.body.raw_id],
    );
    expect(old).toEqual({ status: 'DUPLICATE', lead_id: resend.body.lead_id });
    // Another payload is still refused.
    const other = await post(
      sut,
      key.secret,
      { email: email() },
      { 'idempotency-key': idempotencyKey },
    );
    expect(other.status).toBe(422);
  });

  it('answers 415 to a Content-Type that does not parse, and stores nothing', async () => {
    const [before] = await sql<{ n: number }>('SELECT count(*)::int AS n FROM leads_raw');
    const res = await post(sut, key.secret, { email: email() }, { 'content-type': ';;;' });
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ ok: false, error: 'unsupported_media_type' });
    const [after] = await sql<{ n: number }>('SELECT count(*)::int AS n FROM leads_raw');
    expect(after.n).toBe(before.n);
  });

  it('answers for a stored submission even when recording the key’s use fails', async () => {
    const fresh = await newApiKey(sut, admin);
    await sql(`CREATE FUNCTION test_refuse_touch() RETURNS trigger LANGUAGE plpgsql
      AS 'BEGIN RAISE EXCEPTION ''last_used_at refused''; END'`);
    await sql(`CREATE TRIGGER test_refuse_touch BEFORE UPDATE ON api_keys FOR EACH ROW
      WHEN (OLD.id = '${fresh.id}') EXECUTE FUNCTION test_refuse_touch()`);
    const address = email();
    let res: Answer;
    try {
      res = await post(sut, fresh.secret, { email: address });
    } finally {
      await sql('DROP TRIGGER test_refuse_touch ON api_keys');
      await sql('DROP FUNCTION test_refuse_touch()');
    }
    // Stored, so never 500: that would make the sender send a lead the journal already holds.
    expect(res.status).toBe(201);
    expect(await rawRowsOf(address)).toEqual([{ status: 'PROCESSED', lead_id: res.body.lead_id }]);
  });

  it('routes new leads by the company’s setting: nobody, the key’s default assignee, reps in turn', async () => {
    const company = await newCompany(sut);
    const formKey = await newApiKey(sut, company);
    const [rep1, rep2] = [await newUser(sut, company), await newUser(sut, company)];
    const assigneeOf = async (): Promise<string | null> => {
      const res = await post(sut, formKey.secret, { email: email() });
      const [lead] = await sql<{ assigned_to_id: string | null }>(
        'SELECT assigned_to_id FROM leads WHERE id = $1',
        [res.body.lead_id],
      );
      return lead.assigned_to_id;
    };
    expect(await assigneeOf()).toBeNull();

    const set = (mode: string) =>
      sut.gql(
        'mutation($m: LeadRouting!) { setLeadRouting(mode: $m) }',
        { m: mode },
        company.token,
      );
    await set('API_KEY_DEFAULT');
    expect(await assigneeOf()).toBeNull();
    await sut.gql(
      'mutation($k: ID!, $u: ID) { setApiKeyDefaultAssignee(apiKeyId: $k, userId: $u) }',
      { k: formKey.id, u: rep2.id },
      company.token,
    );
    expect(await assigneeOf()).toBe(rep2.id);

    await set('ROUND_ROBIN');
    const turns = [await assigneeOf(), await assigneeOf(), await assigneeOf(), await assigneeOf()];
    expect(turns).toEqual([rep1.id, rep2.id, rep1.id, rep2.id]);
    expect((await sut.gql('{ leadRouting }', {}, company.token)).data?.leadRouting).toBe(
      'ROUND_ROBIN',
    );

    // Another company's key or user reads as missing; a sales rep may not change the setting.
    const foreign = await sut.gql(
      'mutation($k: ID!, $u: ID) { setApiKeyDefaultAssignee(apiKeyId: $k, userId: $u) }',
      { k: key.id, u: rep1.id },
      company.token,
    );
    expect(foreign.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const foreignUser = await sut.gql(
      'mutation($k: ID!, $u: ID) { setApiKeyDefaultAssignee(apiKeyId: $k, userId: $u) }',
      { k: formKey.id, u: admin.id },
      company.token,
    );
    expect(foreignUser.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    const denied = await sut.gql('mutation { setLeadRouting(mode: NOBODY) }', {}, rep1.token);
    expect(denied.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('erases a lead’s submissions with the lead (purgeLead)', async () => {
    const address = email();
    const res = await post(sut, key.secret, { email: address });
    await sut.gql(
      'mutation($id: ID!) { purgeLead(id: $id) }',
      { id: res.body.lead_id },
      admin.token,
    );
    expect(await rawRowsOf(address)).toEqual([]);
  });
});

describe('POST /api/lead under its limits', () => {
  it('answers 429 to an address that keeps guessing keys, before looking them up', async () => {
    const sut = await startTestApp();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++)
        statuses.push((await post(sut, `crm_guess${i}`, { email: email() })).status);
      expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
      expect(statuses[30]).toBe(429);
    } finally {
      await sut.close();
    }
  });

  it('answers 429 with Retry-After past the key’s rate', async () => {
    const sut = await startTestApp({ INGEST_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const admin = await newCompany(sut);
      const key = await newApiKey(sut, admin);
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await post(sut, key.secret, { email: email() }));
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 429]);
      expect(answers[3].body).toEqual({ ok: false, error: 'rate_limited' });
      expect(Number(answers[3].headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await sut.close();
    }
  });

  it('answers 500 — “not stored, send again” — only when the raw row cannot be written', async () => {
    const db = await createTestDatabase();
    const real = new URL(db.url);
    const proxy = await startTcpProxy({ host: real.hostname, port: Number(real.port || 5432) });
    const viaProxy = new URL(db.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const sut = await startTestApp(
      { DATABASE_URL: viaProxy.toString(), DB_CONNECT_RETRIES: '0', DB_ACQUIRE_TIMEOUT_MS: '1000' },
      { ...db, url: viaProxy.toString() },
    );
    try {
      const admin = await newCompany(sut);
      const key = await newApiKey(sut, admin);
      // The key is known (its lookup is done), then the database goes away before the write.
      expect((await post(sut, key.secret, { email: email() })).status).toBe(201);
      proxy.cut();
      const res = await post(sut, key.secret, { email: email() });
      proxy.resume();
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ ok: false, error: 'internal_error' });
    } finally {
      await sut.close();
      await proxy.close();
      await db.drop();
    }
  });
});
