import { Extensions } from '@nestjs/graphql';
import type { GraphQLField, GraphQLSchema } from 'graphql';
import { UnauthenticatedException } from '../common/errors/app.exception.js';
import { FIELD_ACCESS, ROOT_ANSWER } from '../common/graphql/field-access.js';
import { wrapResolvers, type FieldResolver } from '../common/graphql/wrap-resolvers.js';
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

function guarded(action: Action, resolve: FieldResolver): FieldResolver {
  return (source, args, context, info) => {
    const auth = context.req.auth;
    if (!auth) throw new UnauthenticatedException();
    authorize(auth, action);
    return resolve(source, args, context, info);
  };
}

/**
 * Guards every field that declares an Action (Nest's `transformSchema`). A refused field answers
 * FORBIDDEN at its path.
 */
export function enforceFieldAccess(schema: GraphQLSchema): GraphQLSchema {
  return wrapResolvers(schema, (field, resolve) => {
    const rule = fieldAccessOf(field);
    return rule === undefined || rule === ROOT_ANSWER ? null : guarded(rule, resolve);
  });
}
