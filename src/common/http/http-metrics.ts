import type { FastifyInstance } from 'fastify';
import { latency } from '../metrics/metrics.js';

const duration = latency(
  'http_request_duration_seconds',
  'HTTP requests by method, route (its pattern: /api/lead, /graphql) and status; its count is the rate.',
  ['method', 'route', 'status'],
);

/** Times every HTTP answer, REST routes and /graphql alike, by its route's pattern (bounded). */
export function instrumentHttp(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? '(unmatched)',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
    done();
  });
}
