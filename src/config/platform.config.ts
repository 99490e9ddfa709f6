import { Transform } from 'class-transformer';
import { IsEnum, IsIn, IsOptional, IsString, Matches, registerDecorator } from 'class-validator';
import proxyaddr from 'proxy-addr';
import { ConfigSlice, Variable } from './config-slice.js';
import { toList, toTrustProxy } from './string-transforms.js';
import { IntVariable } from './variable.decorators.js';

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

/** The process as a whole: where it listens, how it logs, what HTTP it accepts, how many run. */
export class PlatformConfig extends ConfigSlice {
  static override readonly feature = 'platform';

  @Variable(
    '`production` masks internal errors, turns off introspection and the IDE, requires `JWT_SECRET`',
  )
  @IsEnum(NodeEnv)
  NODE_ENV: NodeEnv = NodeEnv.Development;

  @IntVariable('port to listen on', { min: 0, max: 65535 })
  PORT = 3000;

  @Variable('address to listen on')
  @IsString()
  HOST = '0.0.0.0';

  @Variable('pino level (`fatal` … `trace`, `silent`); every line carries `requestId`')
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** `pretty` (coloured lines, pino-pretty) or `json`; default: pretty in development only. */
  @Variable('`pretty` (coloured one-line logs, pino-pretty) or `json` (JSON lines)', {
    default: '`pretty` in development, else `json`',
  })
  @IsOptional()
  @IsIn(['pretty', 'json'])
  LOG_FORMAT?: 'pretty' | 'json' = undefined;

  @Variable(
    'shared rate-limit counters, caches, caller-cache invalidation and socket broadcasts; required with several instances',
  )
  @IsOptional()
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// connection URL' })
  REDIS_URL?: string = undefined;

  /** Comma-separated origins allowed by CORS; empty means no cross-origin browser access. */
  @Variable('comma-separated browser origins allowed by CORS (HTTP and websockets)')
  @Transform(toList)
  @IsString({ each: true })
  CORS_ORIGINS: string[] = [];

  @IntVariable('largest request body', { min: 1024 })
  BODY_LIMIT_BYTES = 1_048_576;

  /** Which proxies' X-Forwarded-For to believe (client IPs for rate limits and audit). */
  @Variable(
    'whose `X-Forwarded-For` to believe: `false`, a hop count (`1` behind one balancer) or proxy IPs/CIDRs; `true` is refused',
  )
  @Transform(toTrustProxy)
  @IsTrustProxy()
  TRUST_PROXY: TrustProxy = false;

  @IntVariable('grace for in-flight requests on SIGTERM/SIGINT', { min: 0 })
  SHUTDOWN_TIMEOUT_MS = 10_000;

  /** Longest a client may take to send a whole request (headers and body). */
  @IntVariable('longest a client may take to send a whole request (headers and body)', {
    min: 1000,
  })
  HTTP_REQUEST_TIMEOUT_MS = 30_000;

  /**
   * How long an idle keep-alive connection stays open. Behind a load balancer it must be longer
   * than the balancer's own idle timeout (60 s for most), or it reuses sockets already closed.
   */
  @IntVariable(
    'how long an idle keep-alive connection stays open (longer than a balancer’s idle timeout)',
    { min: 1000 },
  )
  HTTP_KEEP_ALIVE_TIMEOUT_MS = 72_000;

  /**
   * Server processes sharing the port (node:cluster), each a full instance: one per core makes
   * the whole machine serve. Above 1 it needs DATABASE_URL and REDIS_URL (see DatabaseConfig).
   */
  @IntVariable(
    'server processes sharing the port (one per core); above 1 needs `DATABASE_URL` and `REDIS_URL`',
    { min: 1, max: 64 },
  )
  WEB_CONCURRENCY = 1;

  get prettyLogs(): boolean {
    return (
      (this.LOG_FORMAT ?? (this.NODE_ENV === NodeEnv.Development ? 'pretty' : 'json')) === 'pretty'
    );
  }

  get isProduction(): boolean {
    return this.NODE_ENV === NodeEnv.Production;
  }
}
