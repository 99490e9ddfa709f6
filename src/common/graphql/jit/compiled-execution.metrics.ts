import { counter } from '../../metrics/metrics.js';

/** How GraphQL requests ran: compiled, or by graphql-js (before compiling, or jit could not). */
export const graphqlExecutions = counter(
  'graphql_executions_total',
  'GraphQL operations executed, by engine: compiled (graphql-jit) or graphql-js.',
  ['engine'],
);
