import { Transform } from 'class-transformer';
import { IsOptional, IsString } from 'class-validator';
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

  override settle(): string | undefined {
    try {
      proxyaddr.compile(this.METRICS_ALLOW);
      return undefined;
    } catch (error) {
      return `METRICS_ALLOW: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}
