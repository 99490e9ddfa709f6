import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { PartOfRootAnswer } from '../graphql/field-access.js';
import { ListSize, MaxChars } from '../graphql/query-cost.decorators.js';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
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

/** Builds the Relay-style `<Name>Connection` and `<Name>Edge` types for a node type. */
export function Connection<T>(node: Type<T>, name: string): Type<ConnectionShape<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    @MaxChars(200)
    cursor!: string;

    @Field(() => node)
    @PartOfRootAnswer()
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    // The connection's `first` already multiplies what lies under it.
    @Field(() => [EdgeType])
    @ListSize(1)
    edges!: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Rows matching the filter, across all pages.' })
    readonly totalCount!: Promise<number>;
  }

  return ConnectionType;
}
