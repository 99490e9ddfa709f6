import type { FastifyInstance } from 'fastify';

/**
 * Once the server is closing, the connections of requests still in flight close after their
 * answer. Node closes only the keep-alive connections idle when the server closes; one whose
 * request was in flight would otherwise stay open after its answer for the whole keep-alive
 * timeout (72 s by default), longer than SHUTDOWN_TIMEOUT_MS, and the drain would end in exit 1.
 */
export function closeConnectionsOnShutdown(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (_req, reply, payload, done) => {
    if (closing && !reply.raw.headersSent) void reply.header('connection', 'close');
    done(null, payload);
  });
  // An answer whose head was already sent (a streamed export) ends as a keep-alive one.
  fastify.addHook('onResponse', (_req, _reply, done) => {
    if (closing) setImmediate(() => fastify.server.closeIdleConnections());
    done();
  });
}
