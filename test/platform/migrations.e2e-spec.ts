import { QueryTypes } from 'sequelize';
import type { Sequelize } from 'sequelize-typescript';
import { loadConfig } from '../../src/config/load-config.js';
import { createSequelize } from '../../src/database/database-connection.js';
import { migrateDown, migrateUp } from '../../src/database/migrator.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

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
    sut = createSequelize(db.url, loadConfig({ DATABASE_URL: db.url }));
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
      createSequelize(db.url, loadConfig({ DATABASE_URL: db.url })),
      createSequelize(db.url, loadConfig({ DATABASE_URL: db.url })),
    ];
    try {
      const applied = await Promise.all([sut, ...others].map((s) => migrateUp(s, db.url)));
      expect(applied.flat().sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
    } finally {
      await Promise.all(others.map((s) => s.close()));
    }
  });
});
