import type { Type } from '@nestjs/common';
import type { LoaderKey, RequestLoaders } from '../graphql/loaders.js';

/**
 * The record a row points at (`deal.assignedTo`, `task.lead`), as its owner offers it to other
 * features' types: read through the owner's per-request loader, so a page costs one batch.
 */
export interface Reference<Node> {
  readonly type: () => Type<Node>;
  /** What reading it requires (access's Requires), declared on every field that reaches it. */
  readonly decorators: readonly MethodDecorator[];
  /** Null when the row points at nothing, or at a record that is gone or of another company. */
  load(loaders: RequestLoaders, id: string | null): Promise<Node | null>;
}

/** Declared once by the record's owner, beside its loader (users' `userRef`). */
export function referenced<Row, Node>(
  key: LoaderKey<string, Row | null>,
  toNode: (row: Row) => Node,
  type: () => Type<Node>,
  decorators: readonly MethodDecorator[],
): Reference<Node> {
  return {
    type,
    decorators,
    async load(loaders, id) {
      if (!id) return null;
      const row = await loaders.get(key).load(id);
      return row ? toNode(row) : null;
    },
  };
}
