import { SetMetadata } from '@nestjs/common';
import { Extensions } from '@nestjs/graphql';
import { isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { UnauthenticatedException } from '../common/errors/app.exception.js';
import { FIELD_ACCESS, PUBLIC, ROOT_ANSWER, SIGNED_IN } from '../common/graphql/field-access.js';
import { wrapResolvers, type FieldResolver } from '../common/graphql/wrap-resolvers.js';
import { Action, authorize } from './permissions.js';

/** The Nest metadata AccessGuard reads on a root operation or REST route. */
export const REQUIRED_ACTION = 'access:requires';

/**
 * What an operation needs, where a reader of its resolver sees it. On a root Query / Mutation or a
 * REST route, AccessGuard refuses a caller without the action before the operation runs (the
 * service still applies the row rules through AccessService). On a field that reaches another
 * module's records it is the permission of that module's root query: `lead.submissions` needs the
 * journal's, `deal.assignedTo` reading users — else a caller refused the root query would read
 * the same records one hop away.
 */
export const Requires =
  (action: Action): MethodDecorator & PropertyDecorator =>
  (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    Extensions({ [FIELD_ACCESS]: action })(target, key, descriptor as PropertyDescriptor);
    if (descriptor) SetMetadata(REQUIRED_ACTION, action)(target, key, descriptor);
  };

/** A root operation any signed-in user may call on what is theirs alone (see SIGNED_IN). */
export const SignedIn = (): MethodDecorator => Extensions({ [FIELD_ACCESS]: SIGNED_IN });

export type FieldAccessRule = Action | typeof ROOT_ANSWER | typeof PUBLIC | typeof SIGNED_IN;

const ACTIONS = new Set<string>(Object.values(Action));
const MARKS = new Set<string>([ROOT_ANSWER, PUBLIC, SIGNED_IN]);

/** The field's declared rule, if any (a schema test requires one on every root and record field). */
export function fieldAccessOf(field: GraphQLField<unknown, unknown>): FieldAccessRule | undefined {
  const rule = field.extensions[FIELD_ACCESS];
  if (typeof rule !== 'string') return undefined;
  if (MARKS.has(rule)) return rule as FieldAccessRule;
  return ACTIONS.has(rule) ? (rule as Action) : undefined;
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
 * Guards every nested field that declares an Action (Nest's `transformSchema`): a plain call per
 * value, where a guard would run Nest's pipeline once per record. A refused field answers
 * FORBIDDEN at its path. Root operations are AccessGuard's: it runs after the token is read.
 */
export function enforceFieldAccess(schema: GraphQLSchema): GraphQLSchema {
  const roots = new Set<GraphQLField<unknown, unknown>>(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
      .filter(isObjectType)
      .flatMap((root) => Object.values(root.getFields())),
  );
  return wrapResolvers(schema, (field, resolve) => {
    const rule = roots.has(field) ? undefined : fieldAccessOf(field);
    return rule === undefined || MARKS.has(rule) ? null : guarded(rule as Action, resolve);
  });
}
