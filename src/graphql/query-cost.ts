import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '../common/errors/error-code.js';
import { CommonReason } from '../common/errors/error-reasons.js';
import { LIST_SIZE, type ListSize } from '../common/graphql/list-size.js';
import { MAX_PAGE_SIZE } from '../common/pagination/cursor.js';

/** Field nodes a document may hold before its cost is not even computed. */
const MAX_QUERY_NODES = 5000;

/**
 * How many objects a field can produce: `first` as the query gives it (literal, variable or the
 * argument's default), else the field's declared ListSize, else — for a list of objects nobody
 * sized — the largest page. A scalar or a single object is one.
 */
function multiplicity(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): number {
  if (typeof args.first === 'number') return args.first;
  const declared = field.extensions[LIST_SIZE] as ListSize | undefined;
  if (typeof declared === 'number') return declared;
  if (declared) {
    const list = args[declared.lengthOf];
    return Array.isArray(list) ? list.length : 1;
  }
  const type = getNullableType(field.type);
  return isListType(type) && isCompositeType(getNamedType(type)) ? MAX_PAGE_SIZE : 1;
}

/**
 * Every field costs one, times how many of it there can be: a bound on what the answer holds.
 * Introspection (`__schema`, `__type`) is free, as its size is the schema's, not the data's.
 */
const objectsEstimator: ComplexityEstimator = ({ field, args, childComplexity }) =>
  field.name.startsWith('__') ? 0 : multiplicity(field, args) * (1 + childComplexity);

export function queryCost(
  schema: GraphQLSchema,
  document: Parameters<typeof getComplexity>[0]['query'],
  variables: Record<string, unknown> | undefined,
  operationName?: string,
): number {
  return getComplexity({
    schema,
    query: document,
    variables,
    operationName,
    estimators: [objectsEstimator],
    maxQueryNodes: MAX_QUERY_NODES,
  });
}

/**
 * Refuses, before anything runs, an operation whose cost is over `maxCost`, with the cost and the
 * limit in the error. Variables count as literals do.
 */
export function queryCostPlugin(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operationName }) {
          let cost: number;
          try {
            cost = queryCost(schema, document, request.variables, operationName ?? undefined);
          } catch (error) {
            throw tooComplex(error instanceof Error ? error.message : String(error), { maxCost });
          }
          if (cost > maxCost)
            throw tooComplex(`Query cost ${cost} is over the limit of ${maxCost}`, {
              cost,
              maxCost,
            });
        },
      };
    },
  };
}

function tooComplex(message: string, extensions: Record<string, number>): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: ErrorCode.BAD_USER_INPUT,
      reason: CommonReason.QUERY_TOO_COMPLEX,
      ...extensions,
      http: { status: 400 },
    },
  });
}
