import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { PartOfRootAnswer } from '../graphql/field-access.js';
import { ListSize, MaxChars } from '../graphql/query-cost.decorators.js';

@ObjectType({
  description:
    'Where a page of a connection sits in the whole list (Relay cursor connections). Lists page forwards only: pass endCursor as `after` for the next page.',
})
export class PageInfo {
  @Field({ description: 'Whether rows follow this page: ask again with after: endCursor.' })
  hasNextPage!: boolean;

  // Relay lets a forward-only connection answer false, or true when it can tell cheaply that rows
  // lie before `after`; the cursor was handed out for such a row, so `after` given is that signal.
  @Field({
    description:
      'True when `after` was given: this page continues an earlier one. Not rechecked against the rows, which may have been removed since; false on a first page.',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The cursor of the first edge; null when the page is empty.',
  })
  @MaxChars(200)
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The cursor of the last edge, to pass as `after` for the next page; null when the page is empty.',
  })
  @MaxChars(200)
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** A promise, and only started when read: see toConnection. */
  readonly totalCount: Promise<number>;
}

/** For the `<Name>Connection` class a feature declares over Connection(): its @ObjectType replaces this one's. */
export const connectionDescription = (name: string): string =>
  `A page of ${name} records in a stable order, with cursors to page forwards (Relay cursor connection).`;

/** Builds the Relay-style `<Name>Connection` and `<Name>Edge` types for a node type. */
export function Connection<T>(node: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its place in the list.` })
  class EdgeType {
    @Field({
      description: 'Opaque; pass it as `after` to continue after this row, in the same order.',
    })
    @MaxChars(200)
    cursor!: string;

    @Field(() => node, { description: `The ${name}.` })
    @PartOfRootAnswer()
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: connectionDescription(name) })
  class ConnectionType {
    // The connection's `first` already multiplies what lies under it.
    @Field(() => [EdgeType], { description: 'The rows of this page, in order; at most `first`.' })
    @ListSize(1)
    edges!: Edge<T>[];

    @Field(() => PageInfo, { description: 'Whether pages precede or follow this one.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Rows matching the filter, across all pages.' })
    readonly totalCount!: Promise<number>;
  }

  return ConnectionType;
}
