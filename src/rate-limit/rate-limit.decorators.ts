import { SetMetadata } from '@nestjs/common';

export const LOGIN_RATE_LIMITED = 'rateLimit:login';
export const SKIP_RATE_LIMIT = 'rateLimit:skip';

/** Adds the per-IP and per-account login limits to an operation whose args carry `input.email`. */
export const LoginRateLimited = (): MethodDecorator => SetMetadata(LOGIN_RATE_LIMITED, true);

/** Exempts an operation from the general per-IP limit (health probes). */
export const SkipRateLimit = (): MethodDecorator & ClassDecorator =>
  SetMetadata(SKIP_RATE_LIMIT, true);
