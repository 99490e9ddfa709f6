import { tracingChannel } from 'node:diagnostics_channel';
import { requestContext } from '../../common/http/request-context.js';
import type { TraceSpan } from '../../common/tracing/request-trace.js';

/** What ioredis publishes on its tracing channels (ioredis/built/tracing.js), and our span. */
interface RedisCall {
  command?: string;
  batchMode?: string;
  batchSize?: number;
  database?: number;
  serverAddress?: string;
  serverPort?: number;
  error?: unknown;
  span?: TraceSpan;
}

/**
 * A client span per Redis command (and MULTI batch) sent while serving a traced request, through
 * the diagnostics channels ioredis publishes on: nothing is patched, and ioredis skips the
 * channels altogether while no one listens (tracing off). Commands outside a request (the socket
 * adapter's stream reads) open none. Returns the unsubscribe.
 */
export function traceRedisCalls(): () => void {
  const channels = [tracingChannel('ioredis:command'), tracingChannel('ioredis:batch')];
  const handlers = {
    start(call: RedisCall) {
      const trace = requestContext()?.trace;
      if (!trace) return;
      const operation = call.command?.toUpperCase() ?? call.batchMode ?? 'batch';
      call.span = trace.open(
        `redis ${operation}`,
        {
          'db.system': 'redis',
          'db.operation.name': operation,
          'db.operation.batch.size': call.batchSize,
          'db.namespace': call.database === undefined ? undefined : String(call.database),
          'server.address': call.serverAddress,
          'server.port': call.serverPort,
        },
        { client: true },
      );
    },
    // A synchronous throw: no asyncEnd follows.
    end(call: RedisCall) {
      if (call.error !== undefined) call.span?.end(call.error);
    },
    asyncStart() {},
    asyncEnd(call: RedisCall) {
      call.span?.end(call.error);
    },
    error() {},
  };
  for (const channel of channels) channel.subscribe(handlers);
  return () => {
    for (const channel of channels) channel.unsubscribe(handlers);
  };
}
