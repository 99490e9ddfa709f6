import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { loadConfig } from '../../src/app.config.js';
import { DatabaseConfig } from '../../src/database/database.config.js';
import { createSequelize } from '../../src/database/database-connection.js';
import { migrateDown, migrateUp } from '../../src/database/migrator.js';
import { newApiKey, newCompany, type TestUser } from '../support/factories.js';
import { createTestDatabase } from '../support/test-database.js';
import { submitLead } from '../support/lead-form.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

async function post(app: TestApp, secret: string, body: object, idempotencyKey: string) {
  const { status, body: answer } = await submitLead(app, secret, body, {
    'idempotency-key': idempotencyKey,
  });
  return { status, body: answer };
}

const email = (): string => `lead-${randomUUID()}@example.com`;

/** The IETF Idempotency-Key draft scopes a key to its client: here, to the API key. */
describe('Idempotency-Key per API key', () => {
  let sut: TestApp;
  let admin: TestUser;
  let formA: { id: string; secret: string };
  let formB: { id: string; secret: string };

  beforeAll(async () => {
    sut = await startTestApp();
    admin = await newCompany(sut);
    formA = await newApiKey(sut, admin);
    formB = await newApiKey(sut, admin);
  });
  afterAll(() => sut.close());

  const sql = <T extends object>(query: string, bind: unknown[] = []): Promise<T[]> =>
    sut.app.get(Sequelize).query<T>(query, { bind, type: QueryTypes.SELECT });

  it('gives two API keys of one company sending the same key two independent outcomes', async () => {
    const key = randomUUID();
    // Before, form B's lead was refused (422: "the key was used for another payload") — by a
    // key another form of the company happened to pick.
    const a = await post(sut, formA.secret, { email: email() }, key);
    const b = await post(sut, formB.secret, { email: email() }, key);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.lead_id).not.toBe(b.body.lead_id);
    const claims = await sql<{ api_key_id: string; lead_id: string }>(
      'SELECT api_key_id, lead_id FROM leads_idempotency WHERE key = $1 ORDER BY created_at',
      [key],
    );
    expect(claims).toEqual([
      { api_key_id: formA.id, lead_id: a.body.lead_id },
      { api_key_id: formB.id, lead_id: b.body.lead_id },
    ]);
    // Each key still answers its own resends with its own lead.
    const resendB = await post(sut, formB.secret, { email: 'x@example.com' }, key);
    expect(resendB.status).toBe(422);
  });

  it('still makes one lead of one person sent by two keys with one Idempotency-Key: the e-mail merges', async () => {
    const key = randomUUID();
    const person = { email: email(), firstName: 'Ann' };
    const a = await post(sut, formA.secret, person, key);
    const b = await post(sut, formB.secret, { ...person, phone: '5550123' }, key);
    expect(a.status).toBe(201);
    expect(b).toEqual({
      status: 200,
      body: { ok: true, lead_id: a.body.lead_id, deduplicated: false, merged: true },
    });
    expect(await sql('SELECT id FROM leads WHERE email = $1', [person.email])).toHaveLength(1);
    // And a resend from either key is that key's own duplicate.
    const again = await post(sut, formB.secret, { ...person, phone: '5550123' }, key);
    expect(again).toEqual({
      status: 409,
      body: { ok: true, lead_id: a.body.lead_id, deduplicated: true },
    });
  });
});

describe('migration 0020 (Idempotency-Key per API key)', () => {
  it('re-keys existing claims by the API key of their journal row, and back', async () => {
    const db = await createTestDatabase();
    const sut = await startTestApp({}, db);
    const admin = await newCompany(sut);
    const [formA, formB] = [await newApiKey(sut, admin), await newApiKey(sut, admin)];
    const shared = randomUUID();
    expect((await post(sut, formA.secret, { email: email() }, shared)).status).toBe(201);
    expect((await post(sut, formB.secret, { email: email() }, shared)).status).toBe(201);
    const own = randomUUID();
    expect((await post(sut, formB.secret, { email: email() }, own)).status).toBe(201);
    await sut.app.close();

    const sequelize = createSequelize(
      db.url,
      loadConfig({ DATABASE_URL: db.url }).get(DatabaseConfig),
    );
    const claims = () =>
      sequelize.query<{ key: string; api_key_id?: string }>(
        'SELECT * FROM leads_idempotency ORDER BY created_at',
        { type: QueryTypes.SELECT },
      );
    try {
      // Down one migration at a time, past the later ones, to just before 0020.
      let reverted: string[] = [];
      while (!reverted.includes('0020-ingestion-keys-per-api-key'))
        reverted = await migrateDown(sequelize, db.url);
      // One claim per company and key again: of the shared key, the first (form A's) stays.
      const before = await claims();
      expect(before.map((c) => [c.key, c.api_key_id])).toEqual([
        [shared, undefined],
        [own, undefined],
      ]);
      // A claim whose submission lost its API key (the key was deleted) cannot be re-keyed.
      await sequelize.query(
        `UPDATE leads_raw SET api_key_id = NULL WHERE id = (SELECT raw_id FROM leads_idempotency WHERE key = $1)`,
        { bind: [own] },
      );

      await migrateUp(sequelize, db.url);
      expect((await claims()).map((c) => [c.key, c.api_key_id])).toEqual([[shared, formA.id]]);
    } finally {
      await sequelize.close();
      await db.drop();
    }
  });
});
