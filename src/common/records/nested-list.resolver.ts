import type { Type } from '@nestjs/common';
import { ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../graphql/graphql-context.js';
import type { LoaderKey } from '../graphql/loaders.js';
import { ListSize } from '../graphql/query-cost.decorators.js';
import { NESTED_LIST_LIMIT } from '../pagination/nested-list.js';

/** A list field one feature adds to another's type (`lead.comments`), read through a loader. */
export interface NestedListSpec<Parent extends { id: string }, Row, Node> {
  parent: Type<Parent>;
  field: string;
  node: Type<Node>;
  /** Its newest NESTED_LIST_LIMIT rows per parent id, batched. */
  loader: LoaderKey<string, Row[]>;
  toNode: (row: Row) => Node;
  description: string;
  /** What the field requires (auth's Requires): it reaches another module's records. */
  decorators: MethodDecorator[];
}

/**
 * The resolver of a nested list field. The field takes no arguments and its method no parameter
 * decorators: Nest then skips its per-call pipeline, and it runs once per parent of a page.
 */
export function NestedListResolver<Parent extends { id: string }, Row, Node>(
  spec: NestedListSpec<Parent, Row, Node>,
): Type<unknown> {
  @Resolver(() => spec.parent)
  class NestedList {
    @ResolveField(spec.field, () => [spec.node], { description: spec.description })
    @ListSize(NESTED_LIST_LIMIT)
    async list(parent: Parent, _args: unknown, { loaders }: GraphQLContext): Promise<Node[]> {
      return (await loaders.get(spec.loader).load(parent.id)).map((row) => spec.toNode(row));
    }
  }
  const descriptor = Object.getOwnPropertyDescriptor(NestedList.prototype, 'list');
  if (descriptor) for (const decorator of spec.decorators) decorator(NestedList.prototype, 'list', descriptor);
  // Nest names providers by class: one per field, or two nested lists would clash.
  Object.defineProperty(NestedList, 'name', { value: `${spec.parent.name}${spec.field}Resolver` });
  return NestedList;
}
