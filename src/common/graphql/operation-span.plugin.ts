import type { ApolloServerPlugin } from '@apollo/server';
import { requestContext } from '../http/request-context.js';

/**
 * A span per GraphQL operation in the request's trace, named `query leads` (type and name), from
 * parsing to the answer; the statements it sends nest under it. Request-level hooks only, and
 * none at all for a request without a trace (tracing off, not sampled).
 */
export function operationSpanPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const trace = requestContext()?.trace;
      if (!trace) return;
      const span = trace.open('graphql', { 'graphql.operation.type': 'unknown' }, { nest: true });
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!operation) return;
          const name = operationName ?? operation.name?.value;
          span.rename(name ? `${operation.operation} ${name}` : operation.operation);
          span.set({
            'graphql.operation.type': operation.operation,
            'graphql.operation.name': name,
          });
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : [];
          if (!errors?.length) return span.end();
          const codes = [...new Set(errors.map((error) => String(error.extensions?.code)))];
          span.set({ 'graphql.error.codes': codes.join(' ') });
          span.end(`${errors.length} error(s): ${codes.join(', ')}`);
        },
      };
    },
  };
}
