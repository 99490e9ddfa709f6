import type { ApolloServerPlugin } from '@apollo/server';
import {
  defaultFieldResolver,
  getNamedType,
  isObjectType,
  isScalarType,
  OperationTypeNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { ErrorCode } from '../common/errors/error-code.js';
import { CommonReason } from '../common/errors/error-reasons.js';
import type { GraphQLContext } from '../common/graphql/graphql-context.js';
import { LONG_TEXT_CHARS } from '../common/graphql/answer-size.js';
import { MAX_CHARS } from '../common/graphql/query-cost.decorators.js';

function measured(
  resolve: GraphQLFieldResolver<unknown, GraphQLContext>,
): GraphQLFieldResolver<unknown, GraphQLContext> {
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

/** Wraps the resolver of every text or JSON field declared LONG_TEXT_CHARS or longer. */
export function measureLongTexts(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const chars = field.extensions[MAX_CHARS];
      if (typeof chars !== 'number' || chars < LONG_TEXT_CHARS) continue;
      if (!isScalarType(getNamedType(field.type))) continue;
      const resolve = (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<
        unknown,
        GraphQLContext
      >;
      field.resolve = measured(resolve);
    }
  }
  return schema;
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
                extensions: {
                  code: ErrorCode.BAD_USER_INPUT,
                  reason: CommonReason.ANSWER_TOO_LARGE,
                  maxBytes: answer.maxBytes,
                },
              },
            ],
          };
        },
      };
    },
  };
}
