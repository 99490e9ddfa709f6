import { Transform } from 'class-transformer';
import { IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import proxyaddr from 'proxy-addr';
import { ConfigSlice, Variable } from '../config/config-slice.js';
import { IsUnguessable, MinByteLength } from '../config/secret.validators.js';
import { toList, toNumber } from '../config/string-transforms.js';

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

  @Variable(
    'OTLP/HTTP collector (`http://collector:4318`) traces are sent to, as JSON to `/v1/traces`; unset = tracing off, nothing loaded',
  )
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http:// or https:// URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string = undefined;

  @Variable('`service.name` of the spans')
  @IsString()
  OTEL_SERVICE_NAME = 'crm-backend';

  /** Requests that arrive with a sampled `traceparent` are traced whatever it says. */
  @Variable(
    'share of requests traced (0 to 1) among those arriving without a `traceparent`; one that has it follows its sampled flag',
  )
  @Transform(toNumber)
  @IsNumber()
  @Min(0)
  @Max(1)
  TRACE_SAMPLE_RATIO = 1;

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
