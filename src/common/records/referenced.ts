import type { LoaderKey, RequestLoaders } from '../graphql/loaders.js';

/**
 * How a field reaches the one record a row points at (`deal.assignedTo`, `task.lead`): through the
 * owner's per-request loader, so a page costs one batch. Null when the row points at nothing, or at
 * a record that is gone or of another company.
 */
export function referenced<Row, Node>(
  key: LoaderKey<string, Row | null>,
  toNode: (row: Row) => Node,
): (loaders: RequestLoaders, id: string | null) => Promise<Node | null> {
  return async (loaders, id) => {
    if (!id) return null;
    const row = await loaders.get(key).load(id);
    return row ? toNode(row) : null;
  };
}
