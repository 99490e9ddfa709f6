import { IsOptional, IsString } from 'class-validator';
import { ConfigSlice, type ReadSlice, Variable } from '../config/config-slice.js';
import { PlatformConfig } from '../config/platform.config.js';
import { IntVariable } from '../config/variable.decorators.js';
import { IsUnguessable, MinByteLength } from '../config/secret.validators.js';

/** Tokens: the key they are signed with, who issues them and for whom, how long they live. */
export class AuthConfig extends ConfigSlice {
  static override readonly feature = 'auth';

  @Variable('HS256 key, ≥ 32 bytes and no placeholder; required in production', {
    default: 'random, see [security](security.md)',
  })
  @IsOptional()
  @IsUnguessable()
  @MinByteLength(32)
  JWT_SECRET?: string = undefined;

  @Variable('issuer checked on every token')
  @IsString()
  JWT_ISSUER = 'crm-backend';

  @Variable('audience checked on every token')
  @IsString()
  JWT_AUDIENCE = 'crm-api';

  @IntVariable('access token lifetime', { min: 30, max: 86400 })
  JWT_ACCESS_TTL_SECONDS = 900;

  @IntVariable('refresh token lifetime', { min: 1, max: 365 })
  REFRESH_TOKEN_TTL_DAYS = 30;

  override settle(read: ReadSlice): string | undefined {
    if (read(PlatformConfig).isProduction && this.JWT_SECRET === undefined)
      return 'JWT_SECRET is required when NODE_ENV=production';
    return undefined;
  }
}
