import type { ApolloServerPlugin } from '@apollo/server';
import { requestContext } from '../http/request-context.js';
import { LabelCap } from '../metrics/label-cap.js';
import { counter, latency, secondsSince } from '../metrics/metrics.js';

const duration = latency(
  'graphql_operation_duration_seconds',
  'GraphQL operations, by name and type, from parsing to the answer; its count is the rate.',
  ['operation', 'type'],
);
const errors = counter(
  'graphql_errors_total',
  'Errors in GraphQL answers, by operation and extensions.code as the client sees it.',
  ['operation', 'type', 'code'],
);

/** Operation names are the client's to choose: the first 200 name their series. */
const names = new LabelCap(200);
/** Codes are ours (ErrorCode) and Apollo's; capped all the same. */
const codes = new LabelCap(50);
/** Before an operation is resolved (a syntax error, an unknown operation name). */
const UNRESOLVED = { operation: '(unresolved)', type: 'unknown' };

/**
 * Rate, latency and errors per operation, and the operation in the request's context (for logs,
 * traces and error reports). Request-level hooks only: nothing runs per field.
 */
export function operationMetricsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = performance.now();
      let labels = UNRESOLVED;
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!operation) return;
          const name = operationName ?? operation.name?.value;
          labels = {
            operation: name ? names.of(name) : '(anonymous)',
            type: operation.operation,
          };
          const context = requestContext();
          if (context) context.operation = { name: labels.operation, type: labels.type };
        },
        async willSendResponse({ response }) {
          duration.observe(labels, secondsSince(started));
          if (response.body.kind !== 'single') return;
          for (const error of response.body.singleResult.errors ?? []) {
            const code = error.extensions?.code;
            errors.inc({ ...labels, code: typeof code === 'string' ? codes.of(code) : 'UNKNOWN' });
          }
        },
      };
    },
  };
}
