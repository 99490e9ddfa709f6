import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

// A document's field nodes outlive its requests (Apollo's document store, compiled plans), and a
// field selected twice (`interactions { id } ...F`) comes with the same array of nodes for every
// parent: what one selects is worked out once per node, or per array.
const byNode = new WeakMap<FieldNode, ReadonlySet<string>>();
const byNodes = new WeakMap<readonly FieldNode[], ReadonlySet<string>>();

/**
 * The names of the fields selected directly under the field being resolved, through fragments
 * and inline fragments; the same set object for the same selection. A field under @skip or
 * @include counts as selected: reading a column too many is harmless, one too few is not.
 */
export function selectedFieldNames(info: GraphQLResolveInfo): ReadonlySet<string> {
  const nodes = info.fieldNodes;
  const cached = nodes.length === 1 ? byNode.get(nodes[0]) : byNodes.get(nodes);
  if (cached) return cached;
  const names = new Set<string>();
  const visited = new Set<string>();
  for (const node of nodes) collect(node.selectionSet, info, names, visited);
  if (nodes.length === 1) byNode.set(nodes[0], names);
  else byNodes.set(nodes, names);
  return names;
}

function collect(
  set: SelectionSetNode | undefined,
  info: GraphQLResolveInfo,
  names: Set<string>,
  visited: Set<string>,
): void {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) names.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      collect(selection.selectionSet, info, names, visited);
    else if (!visited.has(selection.name.value)) {
      // A fragment spread many times adds nothing the first spread did not.
      visited.add(selection.name.value);
      collect(info.fragments[selection.name.value]?.selectionSet, info, names, visited);
    }
  }
}
