import { Extensions } from '@nestjs/graphql';
import {
  defaultFieldResolver,
  isObjectType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { UnauthenticatedException } from '../common/errors/app.exception.js';
import { FIELD_ACCESS, ROOT_ANSWER } from '../common/graphql/field-access.js';
import type { GraphQLContext } from '../common/graphql/graphql-context.js';
import { Action, authorize } from './permissions.js';

/**
 * A field that reaches another module's records answers under the permission of that module's
 * root query: `lead.submissions` needs the journal's, `deal.assignedTo` reading users. Without it
 * a caller refused the root query would read the same records one hop away.
 */
export const Requires = (action: Action): MethodDecorator & PropertyDecorator =>
  Extensions({ [FIELD_ACCESS]: action });

export type FieldAccessRule = Action | typeof ROOT_ANSWER;

const ACTIONS = new Set<string>(Object.values(Action));

/** The field's declared rule, if any (a schema test requires one on every field of records). */
export function fieldAccessOf(field: GraphQLField<unknown, unknown>): FieldAccessRule | undefined {
  const rule = field.extensions[FIELD_ACCESS];
  if (rule === ROOT_ANSWER) return ROOT_ANSWER;
  return typeof rule === 'string' && ACTIONS.has(rule) ? (rule as Action) : undefined;
}

function guarded(
  action: Action,
  resolve: GraphQLFieldResolver<unknown, GraphQLContext>,
): GraphQLFieldResolver<unknown, GraphQLContext> {
  return (source, args, context, info) => {
    const auth = context.req.auth;
    if (!auth) throw new UnauthenticatedException();
    authorize(auth, action);
    return resolve(source, args, context, info);
  };
}

/**
 * Wraps the resolver of every field that declares an Action (Nest's `transformSchema`): a plain
 * function call per value, not Nest's per-call guard pipeline, which would run once per lead of a
 * page. A refused field answers FORBIDDEN at its path.
 */
export function enforceFieldAccess(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const rule = fieldAccessOf(field);
      if (rule === undefined || rule === ROOT_ANSWER) continue;
      const resolve = (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<
        unknown,
        GraphQLContext
      >;
      field.resolve = guarded(rule, resolve);
    }
  }
  return schema;
}
