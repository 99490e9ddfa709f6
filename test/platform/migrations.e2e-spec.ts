import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize-typescript';
import { loadConfig } from '../../src/app.config.js';
import { DatabaseConfig } from '../../src/database/database.config.js';
import { createSequelize } from '../../src/database/database-connection.js';
import { migrateDown, migrateUp } from '../../src/database/migrator.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

/** Reverts migrations, newest first, down to and including `name`. */
async function downThrough(sequelize: Sequelize, url: string, name: string): Promise<void> {
  for (;;) {
    const [reverted] = await migrateDown(sequelize, url);
    if (!reverted || reverted === name) return;
  }
}

async function tables(sequelize: Sequelize): Promise<string[]> {
  const rows = await sequelize.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY tablename",
    { type: QueryTypes.SELECT },
  );
  return rows.map((r) => r.tablename);
}

describe('migrations', () => {
  let db: TestDatabase;
  let sut: Sequelize;

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    sut = createSequelize(db.url, loadConfig({ DATABASE_URL: db.url }).get(DatabaseConfig));
  });
  afterAll(async () => {
    await sut.close();
    await db.drop();
  });

  it('go up, all the way down, and up again', async () => {
    expect(await tables(sut)).toEqual([]);

    expect(await migrateUp(sut, db.url)).toEqual(MIGRATIONS.map((m) => m.name));
    const created = await tables(sut);
    expect(created).toEqual(
      expect.arrayContaining(['companies', 'users', 'refresh_tokens', 'api_keys', 'audit_logs']),
    );
    expect(await migrateUp(sut, db.url)).toEqual([]);

    expect(await migrateDown(sut, db.url, { to: 0 })).toEqual(
      [...MIGRATIONS.map((m) => m.name)].reverse(),
    );
    expect(await tables(sut)).toEqual([]);

    await migrateUp(sut, db.url);
    expect(await tables(sut)).toEqual(created);
  });

  it('apply each migration once when several instances migrate at the same time', async () => {
    await migrateDown(sut, db.url, { to: 0 });
    const others = [
      createSequelize(db.url, loadConfig({ DATABASE_URL: db.url }).get(DatabaseConfig)),
      createSequelize(db.url, loadConfig({ DATABASE_URL: db.url }).get(DatabaseConfig)),
    ];
    try {
      const applied = await Promise.all([sut, ...others].map((s) => migrateUp(s, db.url)));
      expect(applied.flat().sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
    } finally {
      await Promise.all(others.map((s) => s.close()));
    }
  });

  it('0004 labels the audit trail written before it with the kind of its actor', async () => {
    await migrateUp(sut, db.url);
    await downThrough(sut, db.url, '0004-audit-actor-kind');
    const ids = {
      user: '11111111-1111-4111-8111-111111111111',
      key: '22222222-2222-4222-8222-222222222222',
      target: '33333333-3333-4333-8333-333333333333',
    };
    await sut.query(
      `INSERT INTO audit_logs (action, actor_user_id, actor_api_key_id, entity_id) VALUES
         ('lead.created', $1, NULL, NULL), ('lead.created', NULL, $2, NULL),
         ('auth.login_failed', $3, NULL, $3), ('auth.signed_up', NULL, NULL, NULL)`,
      { bind: [ids.user, ids.key, ids.target] },
    );
    await migrateUp(sut, db.url);
    const rows = await sut.query<{ action: string; actor_kind: string; actor_user_id: string }>(
      'SELECT action, actor_kind, actor_user_id FROM audit_logs ORDER BY action, actor_kind',
      { type: QueryTypes.SELECT },
    );
    expect(rows).toEqual([
      { action: 'auth.login_failed', actor_kind: 'anonymous', actor_user_id: null },
      { action: 'auth.signed_up', actor_kind: 'anonymous', actor_user_id: null },
      { action: 'lead.created', actor_kind: 'api_key', actor_user_id: null },
      { action: 'lead.created', actor_kind: 'user', actor_user_id: ids.user },
    ]);
    await expect(
      sut.query("INSERT INTO audit_logs (action, actor_kind) VALUES ('x', 'robot')"),
    ).rejects.toThrow(/audit_logs_actor_kind/);

    await downThrough(sut, db.url, '0004-audit-actor-kind');
    const [failed] = await sut.query<{ actor_user_id: string }>(
      "SELECT actor_user_id FROM audit_logs WHERE action = 'auth.login_failed'",
      { type: QueryTypes.SELECT },
    );
    expect(failed.actor_user_id).toBe(ids.target);
  });

  it('0005 names the rows that point into another company instead of failing blind', async () => {
    await migrateUp(sut, db.url);
    await downThrough(sut, db.url, '0005-tenant-foreign-keys');
    const [[a], [b]] = await Promise.all(
      ['A', 'B'].map((name) =>
        sut.query<{ id: string }>(`INSERT INTO companies (name) VALUES ('${name}') RETURNING id`, {
          type: QueryTypes.SELECT,
        }),
      ),
    );
    const [lead] = await sut.query<{ id: string }>(
      `INSERT INTO leads (company_id, first_name, last_name, email) VALUES ($1, 'L', 'B', 'l@b.test') RETURNING id`,
      { bind: [b.id], type: QueryTypes.SELECT },
    );
    // Possible before 0005: an interaction of company A on a lead of company B.
    await sut.query(
      `INSERT INTO interactions (company_id, lead_id, type, date) VALUES ($1, $2, 'CALL', now())`,
      { bind: [a.id, lead.id] },
    );
    await expect(migrateUp(sut, db.url)).rejects.toThrow(
      /rows that point into another company \(interactions → leads: 1\)/,
    );
    await sut.query('DELETE FROM interactions WHERE company_id = $1', { bind: [a.id] });
    expect(await migrateUp(sut, db.url)).toEqual(
      MIGRATIONS.map((m) => m.name).filter((name) => name >= '0005'),
    );
    const [{ validated }] = await sut.query<{ validated: boolean }>(
      "SELECT bool_and(convalidated) AS validated FROM pg_constraint WHERE conname LIKE '%_same_company'",
      { type: QueryTypes.SELECT },
    );
    expect(validated).toBe(true);
  });
});
