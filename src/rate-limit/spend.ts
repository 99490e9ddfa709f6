import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedException } from '../common/errors/app.exception.js';

/** Spends one point of `key`'s budget, or refuses with RATE_LIMITED and when to retry. */
export async function spend(limiter: RateLimiterAbstract, key: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    throw new RateLimitedException(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
  }
}
