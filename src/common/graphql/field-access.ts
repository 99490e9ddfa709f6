import { Extensions } from '@nestjs/graphql';

/**
 * The field extension saying what a field needs: the permission its records are read under (the
 * one of the records' own root query; src/access/field-access.ts enforces it), ROOT_ANSWER, and
 * on root operations also PUBLIC or SIGNED_IN.
 */
export const FIELD_ACCESS = 'access';

/**
 * The rule of a field that carries the root operation's own answer — a connection's node, the
 * user who just signed in, the key just created: the root operation's permission is its.
 */
export const ROOT_ANSWER = 'root-answer';

/** A root operation anyone may call, signed in or not (signUp, login, refreshToken). */
export const PUBLIC = 'public';

/**
 * A root operation any signed-in user may call on what is theirs alone (their profile, sessions,
 * notifications): no action of the permission table is involved.
 */
export const SIGNED_IN = 'signed-in';

export const PartOfRootAnswer = (): MethodDecorator & PropertyDecorator =>
  Extensions({ [FIELD_ACCESS]: ROOT_ANSWER });
