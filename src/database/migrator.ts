import pg from 'pg';
import { Sequelize, Transaction } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import { MIGRATIONS, type Migration, type MigrationStep } from '../../migrations/index.js';

// Any constant works; it only has to be the same in every instance that may migrate concurrently.
const MIGRATION_LOCK_KEY = 7_262_019;

export interface MigrationLogger {
  log(message: string): void;
}

async function runStep(sequelize: Sequelize, step: MigrationStep): Promise<void> {
  // DDL is transactional in PostgreSQL: a failing migration leaves nothing half-applied.
  await sequelize.transaction(async (transaction: Transaction) => {
    // A migration may rewrite a large table: no statement timeout for it, in its transaction only.
    await sequelize.query('SET LOCAL statement_timeout = 0', { transaction });
    if (typeof step === 'string') await sequelize.query(step, { transaction });
    else await step(sequelize, transaction);
  });
}

function createUmzug(sequelize: Sequelize, logger?: MigrationLogger): Umzug<Sequelize> {
  return new Umzug({
    migrations: MIGRATIONS.map((m: Migration) => ({
      name: m.name,
      up: () => runStep(sequelize, m.up),
      down: () => runStep(sequelize, m.down),
    })),
    context: sequelize,
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: logger
      ? {
          info: (e: Record<string, unknown>) => {
            if (e.event === 'migrated' || e.event === 'reverted')
              logger.log(`${String(e.event)} ${String(e.name)}`);
          },
          warn: (e: Record<string, unknown>) => logger.log(JSON.stringify(e)),
          error: (e: Record<string, unknown>) => logger.log(JSON.stringify(e)),
          debug: () => undefined,
        }
      : undefined,
  });
}

/**
 * Holds a session-level advisory lock on its own connection while migrating, so that several
 * instances booting at once apply each migration exactly once.
 */
async function withMigrationLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    return await work();
  } finally {
    await client
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
    await client.end();
  }
}

export async function migrateUp(
  sequelize: Sequelize,
  url: string,
  logger?: MigrationLogger,
): Promise<string[]> {
  return withMigrationLock(url, async () =>
    (await createUmzug(sequelize, logger).up()).map((m) => m.name),
  );
}

/** Reverts the last migration, or all of them with `{ to: 0 }`. */
export async function migrateDown(
  sequelize: Sequelize,
  url: string,
  options: { to?: 0 } = {},
  logger?: MigrationLogger,
): Promise<string[]> {
  return withMigrationLock(url, async () =>
    (await createUmzug(sequelize, logger).down(options.to === 0 ? { to: 0 } : undefined)).map(
      (m) => m.name,
    ),
  );
}
