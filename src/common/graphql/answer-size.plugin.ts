import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, isScalarType, OperationTypeNode, type GraphQLSchema } from 'graphql';
import { CommonReason } from '../errors/error-reasons.js';
import type { GraphQLContext } from './graphql-context.js';
import { wrapResolvers, type FieldResolver } from './wrap-resolvers.js';
import { refusalExtensions } from './request-error.js';
import { LONG_TEXT_CHARS } from './answer-size.js';
import { MAX_CHARS } from './query-cost.decorators.js';

function measured(resolve: FieldResolver): FieldResolver {
  return (source, args, context, info) => {
    const value: unknown = resolve(source, args, context, info);
    if (value instanceof Promise)
      return value.then((resolved: unknown) => {
        context.answer.add(resolved);
        return resolved;
      });
    context.answer.add(value);
    return value;
  };
}

/** Measures every text or JSON field declared LONG_TEXT_CHARS or longer as it resolves. */
export function measureLongTexts(schema: GraphQLSchema): GraphQLSchema {
  return wrapResolvers(schema, (field, resolve) => {
    const chars = field.extensions[MAX_CHARS];
    const long = typeof chars === 'number' && chars >= LONG_TEXT_CHARS;
    return long && isScalarType(getNamedType(field.type)) ? measured(resolve) : null;
  });
}

/**
 * A query whose long texts passed the limit answers one error instead of its data: the texts are
 * already in memory (read from the database), but the answer — a JSON string and its buffer, two
 * more copies — is never built.
 */
export function answerSizePlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          contextValue.answer.enforced = operation?.operation === OperationTypeNode.QUERY;
        },
        async willSendResponse({ response, contextValue }) {
          const { answer } = contextValue;
          if (!answer.exceeded || response.body.kind !== 'single') return;
          response.http.status = 400;
          response.body.singleResult = {
            errors: [
              {
                message: `The answer would pass ${answer.maxBytes} bytes: ask for fewer records or fields, or use a CSV export`,
                extensions: refusalExtensions(CommonReason.ANSWER_TOO_LARGE, {
                  maxBytes: answer.maxBytes,
                }),
              },
            ],
          };
        },
      };
    },
  };
}
