import { describe } from '@jest/globals';
/** Values global-setup.js hands to every test worker through the environment. */
export const ENV = {
  adminUrl: 'CRM_TEST_ADMIN_URL',
  template: 'CRM_TEST_TEMPLATE_DB',
} as const;

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: is test/support/global-setup.js configured in jest?`);
  return value;
}

export const redisUrl = (): string | undefined => process.env.REDIS_URL || undefined;

/**
 * The one gate of the Redis cases: they run when REDIS_URL is set (CI sets it) and are reported
 * as skipped when it is not, so a fresh clone's `pnpm test` passes without Redis.
 */
export const withRedis = redisUrl() ? describe : describe.skip;
