import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches } from 'class-validator';
import proxyaddr from 'proxy-addr';
import { ConfigSlice, Variable } from '../config/config-slice.js';
import { IsUnguessable, MinByteLength } from '../config/secret.validators.js';
import { toList } from '../config/string-transforms.js';

/** What the server tells the people running it: metrics, traces, errors. */
export class ObservabilityConfig extends ConfigSlice {
  static override readonly feature = 'observability';

  /** A scraper outside the allowed addresses sends it as `Authorization: Bearer …`. */
  @Variable(
    'bearer token that reads `GET /metrics` from any address; unset = loopback and `METRICS_ALLOW` only',
  )
  @IsOptional()
  @IsUnguessable()
  @MinByteLength(24)
  METRICS_TOKEN?: string = undefined;

  @Variable('addresses or CIDRs, besides loopback, that read `GET /metrics` without the token')
  @Transform(toList)
  @IsString({ each: true })
  METRICS_ALLOW: string[] = [];

  /** Sentry's project key: `https://<public key>@<host>/<project id>`. */
  @Variable('Sentry DSN: server faults (never client errors) are reported there; unset = off')
  @IsOptional()
  @Matches(/^https?:\/\/[^@/\s]+@[^/\s]+\/(\S+\/)?\d+$/, {
    message: 'must be a Sentry DSN: http(s)://<public key>@<host>/<project id>',
  })
  SENTRY_DSN?: string = undefined;

  @Variable('the environment Sentry files the reports under', { default: '`NODE_ENV`' })
  @IsOptional()
  @IsString()
  SENTRY_ENVIRONMENT?: string = undefined;

  @Variable('the release Sentry files the reports under (a version or commit); unset = none')
  @IsOptional()
  @IsString()
  SENTRY_RELEASE?: string = undefined;

  override settle(): string | undefined {
    try {
      proxyaddr.compile(this.METRICS_ALLOW);
      return undefined;
    } catch (error) {
      return `METRICS_ALLOW: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}
