import type { Type } from '@nestjs/common';
import { ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { GraphQLContext } from '../graphql/graphql-context.js';
import type { LoaderKey } from '../graphql/loaders.js';
import { ListSize } from '../graphql/query-cost.decorators.js';
import { selectedFieldNames } from '../graphql/selection.js';
import { NESTED_LIST_LIMIT } from '../pagination/nested-list.js';
import { decorateMethod } from './decorate-method.js';
import { declareFieldReads, recordKeysFor } from './field-reads.js';

/** A list field one feature adds to another's type (`lead.comments`), read through a loader. */
export interface NestedListSpec<Row, Node> {
  /** The type the field is added to, and the resolver's name (`LeadCommentsResolver`). */
  parent: Type<{ id: string }>;
  name: string;
  field: string;
  node: Type<Node>;
  /** Its newest NESTED_LIST_LIMIT rows per parent id, batched. */
  loader: LoaderKey<string, Row[]>;
  /**
   * The rows' column declaration, when the loader's batch can read part of a row and `toNode`
   * copies a row's keys to the node's fields of the same names: the list then reads only the
   * columns the query selects (a page of leads with their interactions reads four of nine).
   */
  record?: Readonly<Record<string, unknown>>;
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
  // The row keys each selection needs, in the record's order; null for whole rows.
  const fieldsOf = new WeakMap<ReadonlySet<string>, readonly string[] | null>();
  const fields = (info: GraphQLResolveInfo): readonly string[] | null => {
    if (!spec.record) return null;
    const selected = selectedFieldNames(info);
    let found = fieldsOf.get(selected);
    if (found === undefined) {
      const keys = recordKeysFor(spec.node, spec.record, selected);
      found = keys && Object.keys(spec.record).filter((key) => keys.has(key));
      fieldsOf.set(selected, found);
    }
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
      const part = fields(info);
      const loader = part ? loaders.getPartial(spec.loader, part) : loaders.get(spec.loader);
      return (await loader.load(parent.id)).map((row) => spec.toNode(row));
    }
  }
  decorateMethod(NestedList.prototype, 'list', spec.decorators);
  declareFieldReads(spec.parent, spec.field, ['id']);
  Object.defineProperty(NestedList, 'name', { value: spec.name });
  return NestedList;
}
