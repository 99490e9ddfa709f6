import type { Type } from '@nestjs/common';
import { ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { GraphQLContext } from '../graphql/graphql-context.js';
import type { LoaderKey } from '../graphql/loaders.js';
import { ListSize } from '../graphql/query-cost.decorators.js';
import { selectedFieldNames } from '../graphql/selection.js';
import { NESTED_LIST_LIMIT } from '../pagination/nested-list.js';
import { decorateMethod } from './decorate-method.js';
import { declareFieldReads, fieldNeeds } from './field-reads.js';

/** A list field one feature adds to another's type (`lead.comments`), read through a loader. */
export interface NestedListSpec<Row, Node> {
  /** The type the field is added to, and the resolver's name (`LeadCommentsResolver`). */
  parent: Type<{ id: string }>;
  name: string;
  field: string;
  node: Type<Node>;
  /**
   * Its newest NESTED_LIST_LIMIT rows per parent id, batched. The batch is handed the row keys the
   * query's selection needs, and may read only those (RecordList.latestFor does, when its spec
   * declares the record): `toNode` must then copy a row's keys to the node's fields of the same
   * names.
   */
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
  // The row keys each selection needs, one array per selection: the per-request loader of a
  // part row is found by it.
  const needsOf = new WeakMap<ReadonlySet<string>, readonly string[]>();
  const needs = (info: GraphQLResolveInfo): readonly string[] => {
    const selected = selectedFieldNames(info);
    let found = needsOf.get(selected);
    if (!found) needsOf.set(selected, (found = fieldNeeds(spec.node, selected)));
    return found;
  };

  @Resolver(() => spec.parent)
  class NestedList {
    @ResolveField(spec.field, () => [spec.node], { description: spec.description })
    @ListSize(NESTED_LIST_LIMIT)
    async list(
      parent: { id: string },
      _args: unknown,
      { loaders }: GraphQLContext,
      info: GraphQLResolveInfo,
    ): Promise<Node[]> {
      const rows = await loaders.getPartial(spec.loader, needs(info)).load(parent.id);
      return rows.map((row) => spec.toNode(row));
    }
  }
  decorateMethod(NestedList.prototype, 'list', spec.decorators);
  declareFieldReads(spec.parent, spec.field, ['id']);
  Object.defineProperty(NestedList, 'name', { value: spec.name });
  return NestedList;
}
