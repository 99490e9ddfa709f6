import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { Sequelize } from 'sequelize-typescript';
import { DatabaseConfig } from './database.config.js';
import { withRetry } from './connect-with-retry.js';
import { watchPool } from './database.metrics.js';
import { ensureDatabase, withDatabase } from './database-url.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.js';
import { migrateUp } from './migrator.js';
import { useTimestamptzParser } from './timestamptz-parser.js';

const EMBEDDED_DATABASE_NAME = 'crm';

/** Session settings sent at connect (pg's `options`). */
const GENERIC_PLANS = { options: '-c plan_cache_mode=force_generic_plan' };

export function createSequelize(url: string, config: DatabaseConfig): Sequelize {
  useTimestamptzParser();
  return new Sequelize(url, {
    dialect: 'postgres',
    logging: false,
    // No models: Sequelize holds the pool and the transactions; every statement goes through Sql.
    models: [],
    pool: {
      max: config.DB_POOL_MAX,
      min: config.DB_POOL_MIN,
      acquire: config.DB_ACQUIRE_TIMEOUT_MS,
      idle: 10_000,
    },
    dialectOptions: {
      // Session defaults every pooled connection starts with (sent at connect; 0 means none).
      statement_timeout: config.DB_STATEMENT_TIMEOUT_MS,
      idle_in_transaction_session_timeout: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      // A named statement is one whose plan cannot depend on its values (prepared.ts): it runs
      // the plan made once, where PostgreSQL's default would plan it five more times and then
      // keep planning every execution whose generic estimate looked dearer (arrays, CTEs). The
      // unnamed statements (lists) are planned with their values, whatever this says.
      ...(config.DB_PREPARED_STATEMENTS ? GENERIC_PLANS : {}),
      ...(config.DB_SSL ? { ssl: { rejectUnauthorized: true } } : {}),
    },
    define: { underscored: true },
  });
}

/**
 * Owns the database for the life of the process: starts the embedded PostgreSQL when no
 * DATABASE_URL is given, connects with backoff, migrates, and on shutdown closes the pool before
 * stopping the embedded server.
 */
export class DatabaseConnection implements OnApplicationShutdown {
  private static readonly logger = new Logger('Database');

  private readonly unwatch: () => void;

  private constructor(
    readonly sequelize: Sequelize,
    readonly url: string,
    private readonly embedded?: EmbeddedDatabase,
  ) {
    this.unwatch = watchPool(sequelize);
  }

  static async open(config: DatabaseConfig): Promise<DatabaseConnection> {
    const logger = DatabaseConnection.logger;
    let embedded: EmbeddedDatabase | undefined;
    let url = config.DATABASE_URL;
    if (!url) {
      logger.log(`DATABASE_URL not set: starting embedded PostgreSQL in ${config.EMBEDDED_PG_DIR}`);
      embedded = await startEmbeddedPostgres({
        dataDir: config.EMBEDDED_PG_DIR,
        port: config.EMBEDDED_PG_PORT,
        onLog: (line) => logger.debug(line),
      });
      await ensureDatabase(embedded.url, EMBEDDED_DATABASE_NAME);
      url = withDatabase(embedded.url, EMBEDDED_DATABASE_NAME);
    }
    const sequelize = createSequelize(url, config);
    try {
      await withRetry(() => sequelize.authenticate(), {
        retries: config.DB_CONNECT_RETRIES,
        onRetry: (attempt, delay, error) =>
          logger.warn(
            `database not reachable (attempt ${attempt}): ${describe(error)}; retrying in ${delay} ms`,
          ),
      });
      if (!config.DB_SKIP_MIGRATIONS) {
        const applied = await migrateUp(sequelize, url, { log: (m) => logger.log(m) });
        logger.log(
          applied.length ? `applied ${applied.length} migration(s)` : 'schema is up to date',
        );
      }
    } catch (error) {
      await sequelize.close().catch(() => undefined);
      await embedded?.stop();
      throw new Error(`Cannot use the database at ${redact(url)}: ${describe(error)}`);
    }
    return new DatabaseConnection(sequelize, url, embedded);
  }

  async onApplicationShutdown(): Promise<void> {
    this.unwatch();
    await this.sequelize.close();
    if (this.embedded) {
      await this.embedded.stop();
      DatabaseConnection.logger.log('embedded PostgreSQL stopped');
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
