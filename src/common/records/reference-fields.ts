import { ResolveField } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import type { GraphQLContext } from '../graphql/graphql-context.js';
import { decorateMethod } from './decorate-method.js';
import { declareFieldReads } from './field-reads.js';
import type { Reference } from './referenced.js';

/** A field of a record's type that reaches the record one of its ids points at. */
export interface ReferenceField<Parent> {
  readonly reference: Reference<unknown>;
  readonly id: (parent: Parent) => string | null;
  /** The parent's key `id` reads. */
  readonly idKey: string;
  readonly description: string;
  /** False only where the id can never point at nothing (an interaction's lead). */
  readonly nullable: boolean;
}

/** `lead: refersTo(leadRef, 'leadId', 'The lead, while it is live.')` in a record resolver's spec. */
export function refersTo<Key extends string>(
  reference: Reference<unknown>,
  idKey: Key,
  description: string,
  { nullable = true }: { nullable?: boolean } = {},
): ReferenceField<Record<Key, string | null>> {
  return { reference, id: (parent) => parent[idKey], idKey, description, nullable };
}

/**
 * Adds a field resolver per reference to a generated resolver's prototype. Its method takes no
 * parameter decorators: Nest then skips its per-call pipeline, and it runs once per row of a page.
 */
export function defineReferenceFields<Parent>(
  type: Type<unknown>,
  prototype: object,
  fields: Readonly<Record<string, ReferenceField<Parent>>>,
): void {
  for (const [name, field] of Object.entries(fields)) {
    declareFieldReads(type, name, [field.idKey]);
    const resolve = (parent: Parent, _args: unknown, { loaders }: GraphQLContext) =>
      field.reference.load(loaders, field.id(parent));
    Object.defineProperty(prototype, name, { value: resolve, writable: true, configurable: true });
    decorateMethod(prototype, name, [
      ResolveField(name, field.reference.type, {
        nullable: field.nullable,
        description: field.description,
      }),
      ...field.reference.decorators,
    ]);
  }
}
