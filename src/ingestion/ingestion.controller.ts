import { countSubmission } from './ingestion.metrics.js';
import { Controller, OnModuleInit } from '@nestjs/common';
import { reportServerFault } from '../common/errors/server-faults.js';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IngestionConfig } from './ingestion.config.js';
import { IngestionReplies, type IngestionReply } from './ingestion-reply.js';
import { IngestionService } from './ingestion.service.js';

function send(reply: FastifyReply, answer: IngestionReply): FastifyReply {
  countSubmission(answer);
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
 * POST /api/lead: the lead-capture forms' door (docs/features/ingestion.md).
 *
 * A controller of the ingestion module like any other, but its route is mounted on Fastify
 * itself, in a scope of its own, rather than by a Nest route decorator: Nest mounts its routes on
 * the root instance, whose content-type parsers (JSON for GraphQL) would parse or refuse a body
 * before the handler ran, and Fastify has no per-route parser. In the scope the body is read as
 * the bytes it is, of any content type, so that a body which is not JSON reaches the journal;
 * the body limit is the ingestion's; and the answers to what HTTP refuses before the handler
 * (413, 415, a bad request) are the sender's contract, not the API's error shape. The guards of
 * the API do not apply: the key is authenticated, and the sender limited, by IngestionService.
 */
@Controller()
export class IngestionController implements OnModuleInit {
  constructor(
    private readonly ingestion: IngestionService,
    private readonly config: IngestionConfig,
    private readonly http: HttpAdapterHost,
  ) {}

  /** Mounts the route when the module boots in an HTTP application (not in a services-only one). */
  async onModuleInit(): Promise<void> {
    const adapter = this.http.httpAdapter as HttpAdapterHost['httpAdapter'] | undefined;
    if (adapter) await this.mount(adapter.getInstance<FastifyInstance>());
  }

  private async mount(fastify: FastifyInstance): Promise<void> {
    await fastify.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser(
        '*',
        { parseAs: 'buffer', bodyLimit: this.config.INGEST_BODY_LIMIT_BYTES },
        (_req, body, done) => done(null, body),
      );
      scope.setErrorHandler((error: FastifyError, req, reply) => this.refuse(error, req, reply));
      scope.post('/api/lead', (req, reply) => this.submit(req, reply));
    });
  }

  /** `POST /api/lead` with an ingest-scoped API key; the answer says whether it was stored. */
  async submit(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const key = req.headers['idempotency-key'];
    const answer = await this.ingestion.submit(secretOf(req), {
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      idempotencyKey: typeof key === 'string' ? key : undefined,
      requestId: req.id,
      ip: req.ip,
      userAgent: req.headers['user-agent'],
    });
    return send(reply, answer);
  }

  /** What failed before a submission was stored: the body, its type, or the handler itself. */
  private refuse(error: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
    const status = error.statusCode ?? 500;
    if (status === 413) return send(reply, IngestionReplies.payloadTooLarge());
    // The client's fault, and nothing stored: a 4xx, which the sender may fix, not a 500.
    if (status >= 400 && status < 500) {
      req.log.info({ err: error }, 'submission refused before it was stored');
      return send(reply, IngestionReplies.badRequest(status));
    }
    req.log.error({ err: error }, 'ingestion failed before the submission was stored');
    reportServerFault({ error, source: 'request' });
    return send(reply, IngestionReplies.internalError());
  }
}
