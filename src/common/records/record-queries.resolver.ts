import type { Type } from '@nestjs/common';
import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import { UuidPipe } from '../graphql/uuid.pipe.js';
import type { RequestLoaders } from '../graphql/loaders.js';
import type { ListArgs } from './listing.js';
import {
  declareQueries,
  RecordConnection,
  type ConnectionReader,
  type RecordConnectionSpec,
} from './record-connection.resolver.js';

/** What the generated queries call: the feature's service (or its Listing). */
export interface RecordReader<Caller, Row, Args> extends ConnectionReader<Caller, Row, Args> {
  findOne(caller: Caller, id: string): Promise<Row | null>;
}

/** A record's root queries: names, descriptions, and the types they speak. */
export interface RecordQueriesSpec<Row, Node> extends RecordConnectionSpec<Row, Node> {
  node: Type<Node>;
  list: { name: string; description: string };
  byId: { name: string; description: string; idDescription: string };
}

/**
 * The list / connection / by-id queries of a record, over its service: a feature's resolver
 * extends `RecordQueries(spec)` and implements `reader`. One shape for every record.
 */
export function RecordQueries<Caller, Row extends { id: string }, Node>(
  spec: RecordQueriesSpec<Row, Node>,
) {
  @Resolver({ isAbstract: true })
  abstract class RecordQueriesHost extends RecordConnection<Caller, Row, Node>(spec) {
    protected abstract override readonly reader: RecordReader<
      Caller,
      Row,
      ListArgs<unknown, string>
    >;

    @Query(() => [spec.node], { name: spec.list.name, description: spec.list.description })
    async list(
      @spec.caller() caller: Caller,
      @Args({ type: () => spec.args }) args: ListArgs<unknown, string>,
      @Context('loaders') loaders: RequestLoaders,
    ): Promise<Node[]> {
      const page = await this.reader.page(caller, args);
      return page.rows.map((row) => this.node(row, loaders));
    }

    @Query(() => spec.node, {
      name: spec.byId.name,
      nullable: true,
      description: spec.byId.description,
    })
    async one(
      @spec.caller() caller: Caller,
      @Args('id', { type: () => ID, description: spec.byId.idDescription }, new UuidPipe('id'))
      id: string,
    ): Promise<Node | null> {
      const row = await this.reader.findOne(caller, id);
      return row ? spec.toNode(row) : null;
    }
  }

  declareQueries(RecordQueriesHost.prototype, spec, { withArgs: ['list'], all: ['list', 'one'] });
  return RecordQueriesHost;
}
