import type { Type } from '@nestjs/common';
import { ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../graphql/graphql-context.js';
import type { LoaderKey } from '../graphql/loaders.js';
import { ListSize } from '../graphql/query-cost.decorators.js';
import { NESTED_LIST_LIMIT } from '../pagination/nested-list.js';
import { decorateMethod } from './decorate-method.js';

/** A list field one feature adds to another's type (`lead.comments`), read through a loader. */
export interface NestedListSpec<Row, Node> {
  /** The type the field is added to, and the resolver's name (`LeadCommentsResolver`). */
  parent: Type<{ id: string }>;
  name: string;
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
 * The resolver of a nested list field, a provider of the feature's module. The field takes no arguments and its method no parameter
 * decorators: Nest then skips its per-call pipeline, and it runs once per parent of a page.
 */
export function NestedListResolver<Row, Node>(spec: NestedListSpec<Row, Node>): Type<unknown> {
  @Resolver(() => spec.parent)
  class NestedList {
    @ResolveField(spec.field, () => [spec.node], { description: spec.description })
    @ListSize(NESTED_LIST_LIMIT)
    async list(
      parent: { id: string },
      _args: unknown,
      { loaders }: GraphQLContext,
    ): Promise<Node[]> {
      return (await loaders.get(spec.loader).load(parent.id)).map((row) => spec.toNode(row));
    }
  }
  decorateMethod(NestedList.prototype, 'list', spec.decorators);
  Object.defineProperty(NestedList, 'name', { value: spec.name });
  return NestedList;
}
