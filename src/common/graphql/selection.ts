import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

// A document's field nodes outlive its requests (Apollo's document store, compiled plans): what
// one selects is worked out once per node.
const selected = new WeakMap<FieldNode, ReadonlySet<string>>();

/**
 * The names of the fields selected directly under the field being resolved, through fragments
 * and inline fragments. A field under @skip or @include counts as selected: reading a column too
 * many is harmless, one too few is not.
 */
export function selectedFieldNames(info: GraphQLResolveInfo): ReadonlySet<string> {
  const [first] = info.fieldNodes;
  const cached = info.fieldNodes.length === 1 ? selected.get(first) : undefined;
  if (cached) return cached;
  const names = new Set<string>();
  for (const node of info.fieldNodes) collect(node.selectionSet, info, names);
  if (info.fieldNodes.length === 1) selected.set(first, names);
  return names;
}

function collect(
  set: SelectionSetNode | undefined,
  info: GraphQLResolveInfo,
  names: Set<string>,
): void {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) names.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet, info, names);
    else collect(info.fragments[selection.name.value]?.selectionSet, info, names);
  }
}
