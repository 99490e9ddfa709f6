import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedException, type AppException } from '../common/errors/app.exception.js';

/**
 * Spends one point of `key`'s budget, or refuses with RATE_LIMITED and when to retry (`refusal`
 * gives the error a reason of its own).
 */
export async function spend(
  limiter: RateLimiterAbstract,
  key: string,
  refusal: (retryAfterSeconds: number) => AppException = (s) => new RateLimitedException(s),
): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    throw refusal(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
  }
}

/**
 * Spends a point on `work`, and gives it back when the work fails to start (refused for the
 * exports already running, no pooled connection): only what was done is counted.
 */
export async function spendOn<T>(
  limiter: RateLimiterAbstract,
  key: string,
  work: () => Promise<T>,
): Promise<T> {
  await spend(limiter, key);
  try {
    return await work();
  } catch (error) {
    await limiter.reward(key).catch(() => undefined);
    throw error;
  }
}
