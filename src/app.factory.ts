import { NestFactory } from '@nestjs/core';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { pino } from 'pino';
import pinoPretty from 'pino-pretty';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppModule } from './app.module.js';
import { closeConnectionsOnShutdown } from './common/http/close-on-shutdown.js';
import { instrumentHttp } from './common/http/http-metrics.js';
import { PinoNestLogger } from './common/logging/pino-nest-logger.js';
import { type RequestContext, runInRequestContext } from './common/http/request-context.js';
import { limitGraphQLRequests } from './rate-limit/graphql-request-limit.js';
import { RateLimiters } from './rate-limit/rate-limiters.js';
import { NotificationsIoAdapter } from './notifications/realtime/notifications-io.adapter.js';
import { REDIS } from './redis/redis.module.js';
import type { Redis } from 'ioredis';
import { GraphqlConfig } from './common/graphql/graphql.config.js';
import type { AppConfig } from './config/load-config.js';
import { PlatformConfig, type TrustProxy } from './config/platform.config.js';
import { NotificationsConfig } from './notifications/notifications.config.js';
import { ObservabilityConfig } from './observability/observability.config.js';
import {
  IDE_ASSETS_PREFIX,
  IDE_INIT_SCRIPT,
  ideAssetsDirectory,
  ideInitScript,
} from './common/graphql/ide.js';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Honours a sane incoming X-Request-Id so a trace spans services; otherwise makes one. */
function requestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Asynchronous log writes: lines logged while a write is in flight go out together, instead of one
 * write syscall per line (two lines per request). main.ts flushes what is left on the way out.
 */
export const logStream = pino.destination({ dest: 1, sync: false });

/** Development's log lines: coloured, one per event, times of day instead of epoch milliseconds. */
function prettyStream(): NodeJS.WritableStream {
  return pinoPretty({
    colorize: true,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
  });
}

/**
 * One line per request, when it is answered, with the request in it: Fastify's default adds an
 * "incoming request" line that says nothing the answer's line does not, and costs a serialization
 * and a write on every request.
 */
class RequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const line = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

/**
 * The security headers of every answer, built once (@fastify/helmet builds the middleware, and
 * parses its CSP, on every request).
 */
const securityHeaders = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // The IDE (Angular) injects component styles at run time.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      workerSrc: ["'self'", 'blob:'],
    },
  },
});

/** Fastify's form of TRUST_PROXY: a hop count trusts that many proxies nearest the server. */
function trustProxy(
  setting: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}

/**
 * Tracing, when OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise none of OpenTelemetry is loaded, and
 * a request pays one property read for it.
 */
async function tracerFor(
  config: ObservabilityConfig,
): Promise<typeof import('./observability/tracing/request-tracer.js') | null> {
  if (!config.OTEL_EXPORTER_OTLP_ENDPOINT) return null;
  return import('./observability/tracing/request-tracer.js');
}

/** Builds the whole application (not yet listening): shared by main.ts and the e2e harness. */
export async function createApp(loaded: AppConfig): Promise<NestFastifyApplication> {
  const config = loaded.get(PlatformConfig);
  const tracing = await tracerFor(loaded.get(ObservabilityConfig));
  const tracer = tracing ? new tracing.RequestTracer(loaded.get(ObservabilityConfig)) : null;
  const adapter = new FastifyAdapter({
    logger: {
      level: config.LOG_LEVEL,
      // Every line written while a traced request is served names its trace and span.
      ...(tracing && { mixin: tracing.traceLogFields }),
      stream: config.prettyLogs ? prettyStream() : logStream,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
    },
    requestIdHeader: false,
    logController: new RequestLog({ requestIdLogLabel: 'requestId' }),
    genReqId: requestId,
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: trustProxy(config.TRUST_PROXY),
    return503OnClosing: true,
    // A client gets this long to send its whole request (slow headers or bodies hold a socket
    // and a parser for nothing); answers, CSV exports included, are not bound by it.
    requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeout: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    forceCloseConnections: 'idle',
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(loaded), adapter, {
    bufferLogs: true,
  });
  const fastify = app.getHttpAdapter().getInstance();
  instrumentHttp(fastify);
  closeConnectionsOnShutdown(fastify);
  tracer?.instrument(fastify);
  limitGraphQLRequests(fastify, app.get(RateLimiters));
  app.useLogger(new PinoNestLogger(fastify.log));
  app.flushLogs();

  const contexts = new WeakMap<FastifyRequest, RequestContext>();
  fastify.addHook('onRequest', (req, reply, done) => {
    void reply.header('x-request-id', req.id);
    const context: RequestContext = { requestId: req.id, trace: tracer?.begin(req, reply) };
    contexts.set(req, context);
    runInRequestContext(context, () =>
      securityHeaders(req.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
    );
  });
  fastify.addHook('preHandler', (req, _reply, done) => {
    const context = contexts.get(req);
    if (context) runInRequestContext(context, done);
    else done();
  });
  app.useWebSocketAdapter(
    new NotificationsIoAdapter(
      app,
      config,
      loaded.get(NotificationsConfig),
      app.get<Redis | null>(REDIS),
    ),
  );
  app.enableCors({
    origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false,
    credentials: true,
    exposedHeaders: ['x-request-id', 'retry-after'],
  });
  if (loaded.get(GraphqlConfig).ide) {
    fastify.get(`${IDE_ASSETS_PREFIX}${IDE_INIT_SCRIPT}`, (_req, reply) => {
      void reply.type('application/javascript').send(ideInitScript());
    });
    // Loaded only when needed: @fastify/static is CommonJS requiring an ESM-only package, which
    // Node >= 20.19 handles but Jest's module runtime (before Node 24.9) cannot.
    const { default: fastifyStatic } = await import('@fastify/static');
    await app.register(fastifyStatic, {
      root: ideAssetsDirectory(),
      prefix: IDE_ASSETS_PREFIX,
      decorateReply: false,
    });
  }
  return app;
}
