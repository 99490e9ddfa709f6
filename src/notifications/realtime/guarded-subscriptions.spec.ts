import type { Redis } from 'ioredis';
import { withGuardedSubscriptions } from './guarded-subscriptions.js';

describe('withGuardedSubscriptions', () => {
  it('makes a failed subscribe of a duplicate a log line, not an unhandled rejection', async () => {
    const failing = (): Promise<never> => Promise.reject(new Error('Command timed out'));
    const duplicate = { subscribe: failing, ssubscribe: failing };
    const shared = { duplicate: () => duplicate, status: 'ready', ping: () => 'PONG' };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const client = withGuardedSubscriptions(shared as unknown as Redis);
      // As the adapter does: the promise is dropped.
      void client.duplicate().subscribe('a');
      void client.duplicate().ssubscribe('b');
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
      // Everything else is the shared client's own.
      expect([client.status, await client.ping()]).toEqual(['ready', 'PONG']);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
