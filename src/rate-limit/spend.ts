import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedException, type AppException } from '../common/errors/app.exception.js';
import { counter } from '../common/metrics/metrics.js';

const refusals = counter(
  'rate_limit_refusals_total',
  'Requests a limiter refused (RATE_LIMITED and its reasons), by limiter.',
  ['limiter'],
);

/** What a consume came to: allowed, or refused with when to retry (ms, and whole seconds). */
export type Consumed =
  { allowed: true } | { allowed: false; msBeforeNext: number; retryAfterSeconds: number };

/**
 * A limiter's consume as a value rather than a rejection: the one place its refusal (a
 * RateLimiterRes) is told from a failure (Redis down with no insurance), which still throws.
 */
export async function tryConsume(
  limiter: RateLimiterAbstract,
  key: string,
  points = 1,
): Promise<Consumed> {
  try {
    await limiter.consume(key, points);
    return { allowed: true };
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    // The limiter's key prefix names it (`api`, `login`, `ingest-key`): a bounded label.
    refusals.inc({ limiter: limiter.keyPrefix.replace(/^rl:/, '') });
    const { msBeforeNext } = rejection;
    return {
      allowed: false,
      msBeforeNext,
      retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)),
    };
  }
}

/**
 * Spends one point of `key`'s budget, or refuses with RATE_LIMITED and when to retry (`refusal`
 * gives the error a reason of its own).
 */
export async function spend(
  limiter: RateLimiterAbstract,
  key: string,
  refusal: (retryAfterSeconds: number) => AppException = (s) => new RateLimitedException(s),
): Promise<void> {
  const consumed = await tryConsume(limiter, key);
  if (!consumed.allowed) throw refusal(consumed.retryAfterSeconds);
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
