import {
  defaultTextMapGetter,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
  type Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestContext } from '../../common/http/request-context.js';
import type {
  RequestTrace,
  SpanAttributes,
  SpanOptions,
  TraceSpan,
} from '../../common/tracing/request-trace.js';
import type { ObservabilityConfig } from '../observability.config.js';
import { traceRedisCalls } from './redis-spans.js';

/** Spans wait at most this long to be sent, in batches. */
const EXPORT_DELAY_MS = 2000;

/** Drops the attributes left undefined (a GraphQL operation without a name). */
function defined(
  attributes: SpanAttributes | undefined,
): Record<string, string | number | boolean> {
  const kept: Record<string, string | number | boolean> = {};
  for (const key in attributes) {
    const value = attributes[key];
    if (value !== undefined) kept[key] = value;
  }
  return kept;
}

function traceparentOf(span: Span): string {
  const { traceId, spanId, traceFlags } = span.spanContext();
  return `00-${traceId}-${spanId}-${traceFlags.toString(16).padStart(2, '0')}`;
}

class OpenSpan implements TraceSpan {
  constructor(
    private readonly span: Span,
    private readonly onEnd?: () => void,
  ) {}

  get traceparent(): string {
    return traceparentOf(this.span);
  }

  rename(name: string): void {
    this.span.updateName(name);
  }

  set(attributes: SpanAttributes): void {
    this.span.setAttributes(defined(attributes));
  }

  end(failure?: unknown): void {
    if (failure !== undefined) {
      const message =
        failure instanceof Error
          ? failure.message
          : typeof failure === 'string'
            ? failure
            : 'failed';
      this.span.setStatus({ code: SpanStatusCode.ERROR, message });
      if (failure instanceof Error) this.span.setAttribute('error.type', failure.name);
    }
    this.span.end();
    this.onEnd?.();
  }
}

/** One sampled request's spans: each opens under the request's span or the nesting one open. */
class SampledRequest implements RequestTrace {
  private parent: Span;

  constructor(
    private readonly tracer: Tracer,
    readonly root: Span,
  ) {
    this.parent = root;
  }

  get traceId(): string {
    return this.root.spanContext().traceId;
  }

  get spanId(): string {
    return this.parent.spanContext().spanId;
  }

  open(name: string, attributes?: SpanAttributes, options?: SpanOptions): TraceSpan {
    const parent = this.parent;
    const span = this.tracer.startSpan(
      name,
      {
        kind: options?.client ? SpanKind.CLIENT : SpanKind.INTERNAL,
        attributes: defined(attributes),
      },
      trace.setSpan(ROOT_CONTEXT, parent),
    );
    if (!options?.nest) return new OpenSpan(span);
    this.parent = span;
    return new OpenSpan(span, () => {
      if (this.parent === span) this.parent = parent;
    });
  }
}

/**
 * Tracing, once OTEL_EXPORTER_OTLP_ENDPOINT is set (app.factory loads this module only then):
 * a server span per HTTP request, child of the caller's `traceparent` when it sends one, and the
 * spans the request's code opens under it (GraphQL operation, statements, Redis and AI calls),
 * sent in batches over OTLP/HTTP as JSON. Spans are parented through the request's context
 * (RequestContext.trace), not OpenTelemetry's global context: nothing global is registered, so
 * several apps in one process (the e2e suite) each trace on their own.
 */
export class RequestTracer {
  private readonly provider: BasicTracerProvider;
  private readonly tracer: Tracer;
  private readonly propagator = new W3CTraceContextPropagator();
  private readonly requests = new WeakMap<FastifyRequest, SampledRequest>();
  private readonly stopRedis: () => void;

  constructor(config: ObservabilityConfig) {
    const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, '');
    this.provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': config.OTEL_SERVICE_NAME }),
      sampler: new ParentBasedSampler({
        root: new TraceIdRatioBasedSampler(config.TRACE_SAMPLE_RATIO),
      }),
      spanProcessors: [
        new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }), {
          scheduledDelayMillis: EXPORT_DELAY_MS,
        }),
      ],
    });
    this.tracer = this.provider.getTracer('crm-backend');
    this.stopRedis = traceRedisCalls();
  }

  /** Ends each request's span with its answer; sends what is left when the server closes. */
  instrument(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', (request, reply, done) => {
      this.finish(request, reply.statusCode);
      done();
    });
    fastify.addHook('onRequestAbort', (request, done) => {
      this.finish(request, undefined);
      done();
    });
    fastify.addHook('onClose', (_instance, done) => {
      this.shutdown().then(
        () => done(),
        () => done(),
      );
    });
  }

  /**
   * The request's trace, its span started (a child of an incoming `traceparent`) and named back
   * in the answer's `traceparent`; undefined when the request is not sampled.
   */
  begin(request: FastifyRequest, reply: FastifyReply): RequestTrace | undefined {
    const caller = this.propagator.extract(ROOT_CONTEXT, request.headers, defaultTextMapGetter);
    const route = request.routeOptions.url;
    const span = this.tracer.startSpan(
      route ? `${request.method} ${route}` : request.method,
      {
        kind: SpanKind.SERVER,
        attributes: defined({
          'http.request.method': request.method,
          'http.route': route,
          'url.path': request.url.split('?', 1)[0],
          'client.address': request.ip,
          'crm.request_id': request.id,
        }),
      },
      caller,
    );
    if (!span.isRecording()) return undefined;
    const sampled = new SampledRequest(this.tracer, span);
    this.requests.set(request, sampled);
    void reply.header('traceparent', traceparentOf(span));
    return sampled;
  }

  private finish(request: FastifyRequest, status: number | undefined): void {
    const sampled = this.requests.get(request);
    if (!sampled) return;
    this.requests.delete(request);
    const span = sampled.root;
    if (status === undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: 'aborted' });
    else {
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    }
    span.end();
  }

  /** Sends the spans not yet sent (a test reads them right after its request). */
  flush(): Promise<void> {
    return this.provider.forceFlush();
  }

  async shutdown(): Promise<void> {
    this.stopRedis();
    await this.provider.shutdown();
  }
}

/**
 * The fields a log line written during a traced request carries besides its requestId: the trace
 * and the span it was written in (a pino mixin, set only while tracing is on).
 */
export function traceLogFields(): { traceId?: string; spanId?: string } {
  const trace = requestContext()?.trace;
  return trace ? { traceId: trace.traceId, spanId: trace.spanId } : {};
}
