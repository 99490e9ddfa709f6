import { Transform } from 'class-transformer';
import proxyaddr from 'proxy-addr';
import { toBoolean, toInt, toList, toTrustProxy } from './string-transforms.js';
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

/** false, a hop count, or the proxies' addresses and CIDRs (see toTrustProxy). */
export type TrustProxy = false | number | string[];

function IsTrustProxy(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTrustProxy',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message:
          'must be false, a number of proxy hops (1 to 10), or a comma-separated list of proxy IPs/CIDRs (`true` or a /0 would believe X-Forwarded-For from anyone)',
      },
      validator: {
        validate(value: unknown) {
          if (value === false) return true;
          if (typeof value === 'number') return Number.isInteger(value) && value > 0 && value <= 10;
          if (!Array.isArray(value) || value.length === 0) return false;
          // A /0 trusts every address: `true` by another name.
          if (value.some((entry) => /\/0+$/.test(String(entry)))) return false;
          try {
            proxyaddr.compile(value as string[]);
            return true;
          } catch {
            return false;
          }
        },
      },
    });
}

export enum NodeEnv {
  Development = 'development',
  Test = 'test',
  Production = 'production',
}

/** Secrets copied from examples and placeholders: known to anyone who reads them. */
const PLACEHOLDER =
  /change[\s_-]*me|replace[\s_-]*me|your[\s_-]*(jwt[\s_-]*)?secret|do[\s_-]*not[\s_-]*use|insecure|placeholder|example|dev-only/i;

/** A secret too predictable to sign tokens with, whatever its length. */
function IsUnguessable(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isUnguessable',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: 'looks like a placeholder; use a random value (e.g. `openssl rand -base64 48`)',
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && !PLACEHOLDER.test(value) && new Set(value).size >= 10,
      },
    });
}

/** Where loadConfig notes the variables the environment set (a symbol: not one of them). */
export const SET_IN_ENVIRONMENT = Symbol('set in the environment');

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

  /** `pretty` (coloured lines, pino-pretty) or `json`; default: pretty in development only. */
  @IsOptional()
  @IsIn(['pretty', 'json'])
  LOG_FORMAT?: 'pretty' | 'json' = undefined;

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

  /**
   * Named (prepared) statements for the hot writes (src/database/prepared.ts). Off behind a
   * pooler in transaction mode that does not track them (PgBouncer before 1.21, or with
   * max_prepared_statements = 0).
   */
  @Transform(toBoolean)
  @IsBoolean()
  DB_PREPARED_STATEMENTS = true;

  /** Longest a statement may run on a pooled session (0: no limit); work that needs longer raises its own. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DB_STATEMENT_TIMEOUT_MS = 15_000;

  /** Longest a session may sit idle inside a transaction before PostgreSQL ends it (0: no limit). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS = 30_000;

  /** Longest a request waits for a pooled connection before it is answered DATABASE_BUSY. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  DB_ACQUIRE_TIMEOUT_MS = 10_000;

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
  @IsUnguessable()
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

  /** Which proxies' X-Forwarded-For to believe (client IPs for rate limits and audit). */
  @Transform(toTrustProxy)
  @IsTrustProxy()
  TRUST_PROXY: TrustProxy = false;

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

  /**
   * The largest answer a query may build, counted over its long texts as they resolve: past it
   * the answer is one ANSWER_TOO_LARGE error. Bulk reads are the CSV exports' job.
   */
  @Transform(toInt)
  @IsInt()
  @Min(65_536)
  GRAPHQL_MAX_ANSWER_BYTES = 4 * 1024 * 1024;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  GRAPHQL_MAX_ALIASES = 15;

  /** Requests per minute per client IP across the whole API. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 1200;

  /** Lead submissions (POST /api/lead) per minute per API key, all instances together. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  INGEST_RATE_LIMIT_PER_MINUTE = 600;

  /**
   * Lead submissions per minute per company, all its API keys and instances together: a company
   * with many keys (up to 100, each INGEST_RATE_LIMIT_PER_MINUTE) cannot multiply its rate.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  INGEST_COMPANY_LIMIT_PER_MINUTE = 3000;

  /**
   * Bytes a company's lead submissions may store per UTC day, all its keys together: each is
   * charged what its rows take (body, jsonb copy, user agent, keys, a fixed per-row overhead: see
   * storedBytes), which is what bounds the journal's growth (with INGEST_RETENTION_DAYS). At least
   * what the largest body can be charged (maxStoredBytes of INGEST_BODY_LIMIT_BYTES).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  INGEST_COMPANY_BYTES_PER_DAY = 256 * 1024 * 1024;

  /** The largest lead submission body; a bigger one answers 413 and is not stored. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  INGEST_BODY_LIMIT_BYTES = 64 * 1024;

  /**
   * How long a submission waits for another in flight with the same Idempotency-Key before it
   * answers 202 (queued) instead of 409.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  INGEST_IDEMPOTENCY_WAIT_MS = 5000;

  /** How often the reprocessor looks for queued submissions; 0 turns it off on this instance. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  INGEST_REPROCESS_INTERVAL_MS = 5000;

  /**
   * Seconds an instance holds a submission it is processing (received, or taken from the queue):
   * if it dies, another instance takes the submission over once this has passed.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  INGEST_LEASE_SECONDS = 60;

  /**
   * Days a settled submission (processed, merged, duplicate, rejected, invalid) stays in the
   * journal; 0 keeps them forever, an explicit choice: the journal holds personal data (names,
   * e-mails, phones, addresses), and keeping it forever is not a default. 90 days covers a
   * quarter's disputes over attribution and a sender's resends. Queued and failed ones are kept
   * whatever their age.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  INGEST_RETENTION_DAYS = 90;

  /** Attempts at a queued submission before it is left FAILED (reprocessRawLead still can). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  INGEST_MAX_ATTEMPTS = 8;

  /**
   * Leads per statement of a bulk score recalculation: each batch commits on its own, so that the
   * recalculation never holds a lead's row lock for longer than one batch takes.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  SCORES_BATCH_SIZE = 5000;

  /**
   * The key of an OpenAI-compatible chat-completions provider (OpenRouter by default) for lead
   * summaries. Unset: summaries come from the built-in summarizer, and no lead data leaves.
   */
  @IsOptional()
  @IsString()
  OPENROUTER_API_KEY?: string = undefined;

  /** The provider's API root; `/chat/completions` is appended. */
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  AI_BASE_URL = 'https://openrouter.ai/api/v1';

  @IsString()
  AI_MODEL = 'openai/gpt-4o-mini';

  /** Longest one call to the provider may take. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  AI_ATTEMPT_TIMEOUT_MS = 8000;

  /** Longest all attempts together may take, backoff included: below HTTP_REQUEST_TIMEOUT_MS. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  AI_TOTAL_TIMEOUT_MS = 20_000;

  /** Calls to the provider per summary, the first included; retried on 429, 5xx and timeouts. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10)
  AI_MAX_ATTEMPTS = 3;

  /**
   * Calls to the AI provider (each attempt, retries included) per company per hour and per day,
   * and for all companies together: what a summary may cost, bounded whoever asks for it. All
   * instances count together through REDIS_URL.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  AI_CALLS_PER_COMPANY_PER_HOUR = 100;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  AI_CALLS_PER_COMPANY_PER_DAY = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  AI_CALLS_PER_HOUR = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  AI_CALLS_PER_DAY = 10_000;

  /** regenerateSummary calls per minute by one user. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SUMMARY_LIMIT_PER_MINUTE = 10;

  /** Bulk score recalculations running at once on this instance; each holds a pooled connection. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SCORES_MAX_CONCURRENT_RUNS = 2;

  /** recalculateAllScores calls per company per hour: each rewrites every score of the company. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SCORES_RECALCULATION_LIMIT_PER_HOUR = 12;

  /** Hours between the scheduled recalculations of every company's scores (0: none scheduled). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SCORES_RECALCULATION_INTERVAL_HOURS = 24;

  /**
   * How long pipelineStats and myDealsStats keep a figure. Every deal write makes the cached ones
   * unreachable at once (deal_stats_versions); this only bounds how long unused ones take space.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  DEAL_STATS_CACHE_TTL_SECONDS = 300;

  /**
   * Statistics over a date range that miss the cache, per company per minute (all instances
   * together with Redis): each is an aggregate over the range's deals, so one company asking for
   * many ranges must not take the database from the others. Cached figures and the figures
   * without a range (deal_totals) are not counted.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  DEAL_STATS_UNCACHED_PER_MINUTE = 60;

  /**
   * How often each instance looks for tasks whose due time has passed (task_due notifications);
   * 0 turns the pass off on this instance.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  TASK_DUE_CHECK_SECONDS = 30;

  /**
   * Ingested leads are announced (lead_created, lead_assigned) in groups: each instance sends what
   * arrived in the last window this often, one notification per recipient ("40 new leads").
   * 0 turns the pass off on this instance.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  NOTIFICATION_GROUP_WINDOW_MS = 5000;

  /**
   * How long a dropped socket may take to reconnect and still receive what it missed (connection
   * state recovery; with REDIS_URL, across instances).
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SOCKET_RECOVERY_SECONDS = 120;

  /**
   * How long an upgraded websocket may take to be admitted (its CONNECT sent and its token
   * checked) before it is closed: an anonymous connection holds a socket and a place in
   * SOCKET_MAX_PENDING_PER_IP until then.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  SOCKET_CONNECT_TIMEOUT_MS = 5000;

  /** Websocket connections one client IP may hold before they are admitted; more are refused (429). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SOCKET_MAX_PENDING_PER_IP = 10;

  /** Login attempts per minute from one IP. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LIMIT_PER_IP = 20;

  /** Failed logins per 15 minutes against one account (email) from one IP. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LIMIT_PER_ACCOUNT = 10;

  /**
   * Failed logins per 15 minutes against one account from all IPs together: the ceiling on a
   * distributed guess. Higher than the per-IP budget, so one stranger cannot lock the owner out.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LIMIT_PER_ACCOUNT_ALL_IPS = 100;

  /** Sign-ups per hour from one IP: each costs an argon2 hash and a new company. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SIGNUP_LIMIT_PER_IP = 10;

  /** Password hashes (argon2id, 64 MiB each) computed at once; more wait in a queue. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  PASSWORD_HASH_CONCURRENCY = 2;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /** Longest a client may take to send a whole request (headers and body). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  HTTP_REQUEST_TIMEOUT_MS = 30_000;

  /**
   * How long an idle keep-alive connection stays open. Behind a load balancer it must be longer
   * than the balancer's own idle timeout (60 s for most), or it reuses sockets already closed.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  HTTP_KEEP_ALIVE_TIMEOUT_MS = 72_000;

  /** Longest a CSV export may run in PostgreSQL. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  EXPORT_TIMEOUT_MS = 600_000;

  /** An export whose client reads nothing for this long is ended, and its connection freed. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  EXPORT_STALL_TIMEOUT_MS = 30_000;

  /**
   * CSV exports running at once on this instance; each holds a pooled connection. Default: a
   * third of DB_POOL_MAX (at least one).
   */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  EXPORT_MAX_CONCURRENT?: number = undefined;

  /** CSV exports (leads and deals together) one user may start per hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  EXPORT_LIMIT_PER_HOUR = 30;

  /** CSV exports one user may run at once on this instance. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  EXPORT_MAX_PER_USER = 1;

  /**
   * CSV exports the users of one company may run at once on this instance, so that one company
   * cannot hold every export slot. Default: half of EXPORT_MAX_CONCURRENT, rounded up, and below
   * it whenever it is above 1; when set, it must not exceed EXPORT_MAX_CONCURRENT.
   */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  EXPORT_MAX_PER_COMPANY?: number = undefined;

  /**
   * The slowest an export's client may read, averaged over EXPORT_MIN_RATE_WINDOW_MS of the
   * client's own time (time it spends waiting for PostgreSQL's rows does not count): a slower one
   * is ended and its slot freed, so slow-but-steady readers cannot hold the slots (and their
   * connections) until EXPORT_TIMEOUT_MS. 0: no minimum.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  EXPORT_MIN_BYTES_PER_SECOND = 32_768;

  /** The window EXPORT_MIN_BYTES_PER_SECOND is averaged over. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  EXPORT_MIN_RATE_WINDOW_MS = 30_000;

  /**
   * Server processes sharing the port (node:cluster), each a full instance: one per core makes
   * the whole machine serve. Above 1 it needs DATABASE_URL and REDIS_URL (see loadConfig).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  WEB_CONCURRENCY = 1;

  /** The names the environment set (loadConfig); the others hold their defaults. */
  [SET_IN_ENVIRONMENT]: ReadonlySet<string> = new Set();

  /** Whether the environment set `name`, rather than it holding its default. */
  isSet(name: keyof AppConfig & string): boolean {
    return this[SET_IN_ENVIRONMENT].has(name);
  }

  get exportMaxConcurrent(): number {
    return this.EXPORT_MAX_CONCURRENT ?? Math.max(1, Math.floor(this.DB_POOL_MAX / 3));
  }

  get exportMaxPerCompany(): number {
    return this.EXPORT_MAX_PER_COMPANY ?? Math.ceil(this.exportMaxConcurrent / 2);
  }

  get prettyLogs(): boolean {
    return (
      (this.LOG_FORMAT ?? (this.NODE_ENV === NodeEnv.Development ? 'pretty' : 'json')) === 'pretty'
    );
  }

  get isProduction(): boolean {
    return this.NODE_ENV === NodeEnv.Production;
  }

  get graphqlIntrospection(): boolean {
    return this.GRAPHQL_INTROSPECTION ?? !this.isProduction;
  }

  get graphqlIde(): boolean {
    return this.GRAPHQL_IDE ?? !this.isProduction;
  }
}
