import { Transform } from 'class-transformer';
import { toBoolean, toInt, toList } from './string-transforms.js';
import {
  IsBoolean,
  IsDefined,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
  registerDecorator,
} from 'class-validator';

/** Secrets are measured in bytes, not UTF-16 code units. */
function MinByteLength(min: number): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'minByteLength',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [min],
      options: { message: `must be at least ${min} bytes long` },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && Buffer.byteLength(value) >= min,
      },
    });
}

export enum NodeEnv {
  Development = 'development',
  Test = 'test',
  Production = 'production',
}

/** Used only outside production so that `pnpm start` works with no configuration at all. */
export const DEV_JWT_SECRET = 'dev-only-insecure-jwt-secret-do-not-use-in-production';

/**
 * Every environment variable the process reads. Loaded and validated once at boot (see loadConfig);
 * the README's configuration table and `.env.example` list the same names.
 */
export class AppConfig {
  @IsEnum(NodeEnv)
  NODE_ENV: NodeEnv = NodeEnv.Development;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** PostgreSQL connection string; when absent an embedded PostgreSQL is started under EMBEDDED_PG_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// connection URL' })
  DATABASE_URL?: string = undefined;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  DB_POOL_MAX = 10;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  DB_POOL_MIN = 0;

  @Transform(toBoolean)
  @IsBoolean()
  DB_SSL = false;

  @Transform(toBoolean)
  @IsBoolean()
  DB_SKIP_MIGRATIONS = false;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100)
  DB_CONNECT_RETRIES = 8;

  @IsString()
  EMBEDDED_PG_DIR = '.data/postgres';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// connection URL' })
  REDIS_URL?: string = undefined;

  @ValidateIf((c: AppConfig) => c.NODE_ENV === NodeEnv.Production || c.JWT_SECRET !== undefined)
  @IsDefined({ message: 'is required when NODE_ENV=production' })
  @MinByteLength(32)
  JWT_SECRET?: string = undefined;

  @IsString()
  JWT_ISSUER = 'crm-backend';

  @IsString()
  JWT_AUDIENCE = 'crm-api';

  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(86400)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /** Comma-separated origins allowed by CORS; empty means no cross-origin browser access. */
  @Transform(toList)
  @IsString({ each: true })
  CORS_ORIGINS: string[] = [];

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  @Transform(toBoolean)
  @IsBoolean()
  TRUST_PROXY = false;

  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean()
  GRAPHQL_INTROSPECTION?: boolean = undefined;

  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean()
  GRAPHQL_IDE?: boolean = undefined;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_DEPTH = 8;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_COST = 50_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_ALIASES = 15;

  /** Requests per minute per client IP across the whole API. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 1200;

  /** Login attempts per minute from one IP. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LIMIT_PER_IP = 20;

  /** Login attempts per 15 minutes against one account (email). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LIMIT_PER_ACCOUNT = 10;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /**
   * Server processes sharing the port (node:cluster), each a full instance: one per core makes
   * the whole machine serve. Above 1 it needs DATABASE_URL and REDIS_URL (see loadConfig).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  WEB_CONCURRENCY = 1;

  get isProduction(): boolean {
    return this.NODE_ENV === NodeEnv.Production;
  }

  get jwtSecret(): string {
    return this.JWT_SECRET ?? DEV_JWT_SECRET;
  }

  get graphqlIntrospection(): boolean {
    return this.GRAPHQL_INTROSPECTION ?? !this.isProduction;
  }

  get graphqlIde(): boolean {
    return this.GRAPHQL_IDE ?? !this.isProduction;
  }
}
