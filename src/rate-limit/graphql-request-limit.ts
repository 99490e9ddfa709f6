import type { FastifyInstance } from 'fastify';
import { ErrorCode } from '../common/errors/error-code.js';
import { CommonReason } from '../common/errors/error-reasons.js';
import { clientKey } from './client-key.js';
import type { RateLimiters } from './rate-limiters.js';
import { tryConsume } from './spend.js';

/**
 * Every HTTP request to /graphql spends a point of the general per-IP budget before GraphQL sees
 * it: also those no resolver ever runs for (introspection, `{ __typename }`, documents refused by
 * validation or by the cost limit), which the guards never see. Root mutation fields beyond the
 * first spend more, in RateLimitGuard.
 */
export function limitGraphQLRequests(fastify: FastifyInstance, limiters: RateLimiters): void {
  fastify.addHook('onRequest', async (req, reply) => {
    if (req.url !== '/graphql' && !req.url.startsWith('/graphql?')) return;
    const consumed = await tryConsume(limiters.api, clientKey(req.ip));
    if (!consumed.allowed) {
      const retryAfter = consumed.retryAfterSeconds;
      await reply
        .status(429)
        .header('retry-after', String(retryAfter))
        .header('cache-control', 'no-store')
        .send({
          errors: [
            {
              message: 'Too many requests, slow down',
              extensions: {
                code: ErrorCode.RATE_LIMITED,
                reason: CommonReason.RATE_LIMITED,
                retryAfter,
              },
            },
          ],
        });
    }
  });
}
