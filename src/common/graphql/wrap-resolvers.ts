import {
  defaultFieldResolver,
  isObjectType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type { GraphQLContext } from './graphql-context.js';

export type FieldResolver = GraphQLFieldResolver<unknown, GraphQLContext>;

/**
 * Replaces, in place, the resolver of every object field `wrap` answers for, with what it makes
 * of the field's own (or graphql-js's default) resolver: a plain function call per value, where a
 * Nest guard or interceptor would run its whole pipeline once per record of a page.
 */
export function wrapResolvers(
  schema: GraphQLSchema,
  wrap: (field: GraphQLField<unknown, unknown>, resolve: FieldResolver) => FieldResolver | null,
): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const wrapped = wrap(field, (field.resolve ?? defaultFieldResolver) as FieldResolver);
      if (wrapped) field.resolve = wrapped;
    }
  }
  return schema;
}
