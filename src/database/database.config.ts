import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { ConfigSlice, type ReadSlice, Variable } from '../config/config-slice.js';
import { PlatformConfig } from '../config/platform.config.js';
import { toBoolean, toInt } from '../config/string-transforms.js';

/** PostgreSQL: where it is (or the embedded one), the pool, and each session's defaults. */
export class DatabaseConfig extends ConfigSlice {
  static override readonly feature = 'database';

  /** PostgreSQL connection string; when absent an embedded PostgreSQL is started under EMBEDDED_PG_DIR. */
  @Variable('PostgreSQL URL; unset = embedded PostgreSQL')
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL?: string = undefined;

  @Variable('most pooled connections')
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  DB_POOL_MAX = 10;

  @Variable('fewest pooled connections (at most `DB_POOL_MAX`)')
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DB_POOL_MIN = 0;

  @Variable('TLS to PostgreSQL (certificate verified)')
  @Transform(toBoolean)
  @IsBoolean()
  DB_SSL = false;

  /**
   * Named (prepared) statements for the hot writes (src/database/prepared.ts). Off behind a
   * pooler in transaction mode that does not track them (PgBouncer before 1.21, or with
   * max_prepared_statements = 0).
   */
  @Variable(
    'the hot writes as named (prepared) statements; `false` behind a pooler in transaction mode that does not track them (PgBouncer before 1.21, or `max_prepared_statements = 0`)',
  )
  @Transform(toBoolean)
  @IsBoolean()
  DB_PREPARED_STATEMENTS = true;

  /** Longest a statement may run on a pooled session (0: no limit); work that needs longer raises its own. */
  @Variable('longest a statement may run on a pooled session (`0` = none)')
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DB_STATEMENT_TIMEOUT_MS = 15_000;

  /** Longest a session may sit idle inside a transaction before PostgreSQL ends it (0: no limit). */
  @Variable('longest a session may sit idle inside a transaction (`0` = none)')
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS = 30_000;

  /** Longest a request waits for a pooled connection before it is answered DATABASE_BUSY. */
  @Variable('wait for a pooled connection, then `DATABASE_BUSY`')
  @Transform(toInt)
  @IsInt()
  @Min(100)
  DB_ACQUIRE_TIMEOUT_MS = 10_000;

  @Variable('do not migrate at boot')
  @Transform(toBoolean)
  @IsBoolean()
  DB_SKIP_MIGRATIONS = false;

  @Variable('retries after a failed first connection at boot, with exponential backoff')
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100)
  DB_CONNECT_RETRIES = 8;

  @Variable('embedded PostgreSQL data directory')
  @IsString()
  EMBEDDED_PG_DIR = '.data/postgres';

  @Variable('embedded PostgreSQL port')
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
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
