import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IngestionConfig } from './ingestion.config.js';
import { IngestionReplies, type IngestionReply } from './ingestion-reply.js';
import { IngestionService } from './ingestion.service.js';

/** What the route needs of the application (the composition root hands it over). */
interface Services {
  get<T>(type: new (...args: never[]) => T): T;
}

function send(reply: FastifyReply, answer: IngestionReply): FastifyReply {
  if (answer.retryAfter !== undefined) void reply.header('retry-after', String(answer.retryAfter));
  return reply.status(answer.statusCode).header('cache-control', 'no-store').send(answer.body);
}

/** `X-API-Key: …`, or `Authorization: Bearer …`. */
function secretOf(req: FastifyRequest): string | undefined {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header) return header.trim();
  const authorization = req.headers.authorization;
  const match = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  return match?.[1];
}

/**
 * POST /api/lead, in a Fastify scope of its own: there the body is read as the bytes it is, of
 * any content type, so that a body which is not JSON reaches the journal instead of being refused
 * by a parser; and the body limit is the ingestion's.
 */
export async function registerIngestionRoute(
  fastify: FastifyInstance,
  services: Services,
): Promise<void> {
  const ingestion = services.get(IngestionService);
  const config = services.get(IngestionConfig);
  await fastify.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: config.INGEST_BODY_LIMIT_BYTES },
      (_req, body, done) => done(null, body),
    );
    scope.setErrorHandler((error: FastifyError, req, reply) => {
      const status = error.statusCode ?? 500;
      if (status === 413) return send(reply, IngestionReplies.payloadTooLarge());
      // The client's fault, and nothing stored: a 4xx, which the sender may fix, not a 500.
      if (status >= 400 && status < 500) {
        req.log.info({ err: error }, 'submission refused before it was stored');
        return send(reply, IngestionReplies.badRequest(status));
      }
      req.log.error({ err: error }, 'ingestion failed before the submission was stored');
      return send(reply, IngestionReplies.internalError());
    });
    scope.post('/api/lead', async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const answer = await ingestion.submit(secretOf(req), {
        body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        idempotencyKey: typeof key === 'string' ? key : undefined,
        requestId: req.id,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      return send(reply, answer);
    });
  });
}
