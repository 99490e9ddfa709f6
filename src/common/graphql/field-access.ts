import { Extensions } from '@nestjs/graphql';

/**
 * The field extension saying under which permission a field's records are read: the one of the
 * records' own root query (src/auth/field-access.ts enforces it), or ROOT_ANSWER.
 */
export const FIELD_ACCESS = 'access';

/**
 * The rule of a field that carries the root operation's own answer — a connection's node, the
 * user who just signed in, the key just created: the root operation's permission is its.
 */
export const ROOT_ANSWER = 'root-answer';

export const PartOfRootAnswer = (): MethodDecorator & PropertyDecorator =>
  Extensions({ [FIELD_ACCESS]: ROOT_ANSWER });
