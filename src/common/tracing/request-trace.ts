import { requestContext } from '../http/request-context.js';

/** What a span records besides its name and times: never values a statement or a body carries. */
export type SpanAttributes = Readonly<Record<string, string | number | boolean | undefined>>;

/** One open span of a request's trace. */
export interface TraceSpan {
  /** W3C `traceparent` naming this span: an outbound call sends it, and the callee's spans join. */
  readonly traceparent: string;
  rename(name: string): void;
  set(attributes: SpanAttributes): void;
  /** Ends it, failed when given a failure (an error or a message). */
  end(failure?: unknown): void;
}

export interface SpanOptions {
  /** A call to another service (the AI provider, Redis, PostgreSQL): a client span. */
  client?: boolean;
  /** Spans opened after this one, until it ends, are its children: the GraphQL operation. */
  nest?: boolean;
}

/**
 * The trace of the request being served, when tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT) and the
 * request is sampled; observability/tracing implements it with OpenTelemetry. Code outside
 * observability/ knows only this, so nothing of OpenTelemetry loads while tracing is off.
 */
export interface RequestTrace {
  readonly traceId: string;
  /** The span new ones open under: the request's, then its GraphQL operation's. */
  readonly spanId: string;
  open(name: string, attributes?: SpanAttributes, options?: SpanOptions): TraceSpan;
}

/**
 * Runs `work` in a span of the current request's trace; without one (tracing off, a job, an
 * unsampled request) it only runs `work`, at the cost of one lookup.
 */
export async function inSpan<T>(
  name: string,
  attributes: SpanAttributes,
  work: (span?: TraceSpan) => Promise<T>,
  options?: SpanOptions,
): Promise<T> {
  const trace = requestContext()?.trace;
  if (!trace) return work();
  const span = trace.open(name, attributes, options);
  try {
    const result = await work(span);
    span.end();
    return result;
  } catch (error) {
    span.end(error);
    throw error;
  }
}
