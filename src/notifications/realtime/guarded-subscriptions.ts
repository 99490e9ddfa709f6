import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';

const logger = new Logger('SocketAdapter');

/**
 * The client to hand the Redis Streams adapter. The adapter subscribes its duplicate of the client
 * with ioredis' `subscribe()` and drops the promise: while Redis is unreachable (at boot, say)
 * the command fails after the retries and the unhandled rejection ended the process. Here the
 * duplicate's subscriptions log their failure instead; ioredis subscribes again on reconnect.
 */
export function withGuardedSubscriptions(redis: Redis): Redis {
  return new Proxy(redis, {
    get(target, property) {
      if (property === 'duplicate') return () => guard(target.duplicate());
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value.bind(target) as unknown) : value;
    },
  });
}

function guard(client: Redis): Redis {
  for (const method of ['subscribe', 'ssubscribe'] as const) {
    const original = client[method].bind(client) as (...args: unknown[]) => Promise<unknown>;
    // An override on this one duplicate: the shared client is left as it is.
    const guarded = (...args: unknown[]): Promise<unknown> => {
      const sent = original(...args);
      sent.catch((error: Error) => logger.warn(`redis ${method}: ${error.message}`));
      return sent;
    };
    Object.assign(client, { [method]: guarded });
  }
  return client;
}
