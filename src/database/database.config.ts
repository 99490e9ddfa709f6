import { IsOptional, IsString, Matches } from 'class-validator';
import { ConfigSlice, type ReadSlice, Variable } from '../config/config-slice.js';
import { PlatformConfig } from '../config/platform.config.js';
import { BooleanVariable, IntVariable } from '../config/variable.decorators.js';

/** PostgreSQL: where it is (or the embedded one), the pool, and each session's defaults. */
export class DatabaseConfig extends ConfigSlice {
  static override readonly feature = 'database';

  /** PostgreSQL connection string; when absent an embedded PostgreSQL is started under EMBEDDED_PG_DIR. */
  @Variable('PostgreSQL URL; unset = embedded PostgreSQL')
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL?: string = undefined;

  @IntVariable('most pooled connections', { min: 1, max: 1000 })
  DB_POOL_MAX = 10;

  @IntVariable('fewest pooled connections (at most `DB_POOL_MAX`)', { min: 0 })
  DB_POOL_MIN = 0;

  @BooleanVariable('TLS to PostgreSQL (certificate verified)')
  DB_SSL = false;

  /**
   * Named (prepared) statements for the statements written in the code (src/database/prepared.ts),
   * run on their generic plan (`plan_cache_mode`, sent at connect). Off behind a pooler in
   * transaction mode that does not track them (PgBouncer before 1.21, or with
   * max_prepared_statements = 0), or that refuses startup parameters.
   */
  @BooleanVariable(
    'the statements written in the code as named (prepared) statements on their generic plan (`plan_cache_mode` sent at connect); `false` behind a pooler in transaction mode that does not track them (PgBouncer before 1.21, or `max_prepared_statements = 0`)',
  )
  DB_PREPARED_STATEMENTS = true;

  /** Longest a statement may run on a pooled session (0: no limit); work that needs longer raises its own. */
  @IntVariable('longest a statement may run on a pooled session (`0` = none)', { min: 0 })
  DB_STATEMENT_TIMEOUT_MS = 15_000;

  /** Seed 004's threshold: a statement this slow is worth a look (`pg_stat_statements` for the rest). */
  @IntVariable('a statement this slow is logged with its label and request id (`0` = never)', {
    min: 0,
  })
  DB_SLOW_STATEMENT_MS = 100;

  /** Longest a session may sit idle inside a transaction before PostgreSQL ends it (0: no limit). */
  @IntVariable('longest a session may sit idle inside a transaction (`0` = none)', { min: 0 })
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS = 30_000;

  /** Longest a request waits for a pooled connection before it is answered DATABASE_BUSY. */
  @IntVariable('wait for a pooled connection, then `DATABASE_BUSY`', { min: 100 })
  DB_ACQUIRE_TIMEOUT_MS = 10_000;

  @BooleanVariable('do not migrate at boot')
  DB_SKIP_MIGRATIONS = false;

  @IntVariable('retries after a failed first connection at boot, with exponential backoff', {
    min: 0,
    max: 100,
  })
  DB_CONNECT_RETRIES = 8;

  @Variable('embedded PostgreSQL data directory')
  @IsString()
  EMBEDDED_PG_DIR = '.data/postgres';

  @IntVariable('embedded PostgreSQL port', { min: 1, max: 65535 })
  EMBEDDED_PG_PORT = 54329;

  override settle(read: ReadSlice): string | undefined {
    if (this.DB_POOL_MIN > this.DB_POOL_MAX) return 'DB_POOL_MIN must not exceed DB_POOL_MAX';
    const platform = read(PlatformConfig);
    if (platform.WEB_CONCURRENCY > 1 && !(this.DATABASE_URL && platform.REDIS_URL))
      // Workers are instances: they must share rate limits, caches and broadcasts (Redis) and one
      // database (an embedded PostgreSQL belongs to a single process).
      return 'WEB_CONCURRENCY above 1 needs DATABASE_URL and REDIS_URL';
    return undefined;
  }
}
