import { IsOptional, IsString, registerDecorator } from 'class-validator';
import { ConfigSlice, type ReadSlice, Variable } from '../config/config-slice.js';
import { PlatformConfig } from '../config/platform.config.js';
import { IntVariable } from '../config/variable.decorators.js';

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
