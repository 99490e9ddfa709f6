import { SetMetadata } from '@nestjs/common';

export const LOGIN_RATE_LIMITED = 'rateLimit:login';
export const SIGNUP_RATE_LIMITED = 'rateLimit:signup';
export const SKIP_RATE_LIMIT = 'rateLimit:skip';

/** Adds the login limits (per IP; per account and IP; per account) to an operation with `input.email`. */
export const LoginRateLimited = (): MethodDecorator => SetMetadata(LOGIN_RATE_LIMITED, true);

/** Adds the sign-up limit per IP. */
export const SignUpRateLimited = (): MethodDecorator => SetMetadata(SIGNUP_RATE_LIMITED, true);

/** Exempts an operation from the general per-IP limit (health probes). */
export const SkipRateLimit = (): MethodDecorator & ClassDecorator =>
  SetMetadata(SKIP_RATE_LIMIT, true);
