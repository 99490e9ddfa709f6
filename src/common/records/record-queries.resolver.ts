import { Inject, type Type } from '@nestjs/common';
import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import type { ConnectionShape } from '../pagination/connection.type.js';
import { toConnection } from '../pagination/page.js';
import { IdArg } from '../graphql/id-field.decorators.js';
import type { LoaderKey, RequestLoaders } from '../graphql/loaders.js';
import type { ListArgs } from './listing.js';
import { decorateMethod } from './decorate-method.js';
import { defineReferenceFields, type ReferenceField } from './reference-fields.js';
import type { ReaderCaller, RecordReader, ReaderRow } from './record-reader.js';

/** A record's root queries: names, descriptions, and the types they speak. */
export interface RecordQueriesSpec<Row, Node, Service> {
  /** The feature's service the queries call; injected as `this.service` for the rest. */
  service: Type<Service>;
  node: Type<Node>;
  connection: Type<ConnectionShape<Node>>;
  /** The list's @ArgsType (PageArgs, filter, orderBy). */
  args: Type<ListArgs<unknown, string>>;
  toNode: (row: Row) => Node;
  /** The caller as the feature reads it (auth's CurrentAuth). */
  caller: () => ParameterDecorator;
  list: { name: string; description: string };
  connectionName: string;
  connectionDescription: string;
  byId: { name: string; description: string; idDescription: string };
  /** Rows of a list are primed here, so fields reading them by id (interaction.lead) cost nothing. */
  primes?: LoaderKey<string, Row | null>;
  /** Declared on each of the three queries (what they require, their cost). */
  decorators?: MethodDecorator[];
  /** The fields of the node that reach the records its ids point at (`task.lead`). */
  references?: Readonly<Record<string, ReferenceField<Node>>>;
}

/**
 * The list / connection / by-id queries of a record, over its service: a feature's resolver
 * extends `RecordQueries(spec)` and reaches the service as `this.service`. One shape for every
 * record; the types follow from the spec.
 */
export function RecordQueries<
  Service extends RecordReader<Caller, Row, ListArgs<unknown, string>>,
  Node,
  Caller = ReaderCaller<Service>,
  Row extends { id: string } = ReaderRow<Service>,
>(spec: RecordQueriesSpec<Row, Node, Service>) {
  // Typed, so that the reference fields know their parent; abstract, so its queries are declared once.
  @Resolver(() => spec.node, { isAbstract: true })
  abstract class RecordQueriesHost {
    @Inject(spec.service) protected readonly service!: Service;

    private node(row: Row, loaders: RequestLoaders): Node {
      if (spec.primes) loaders.get(spec.primes).prime(row.id, row);
      return spec.toNode(row);
    }

    @Query(() => [spec.node], { name: spec.list.name, description: spec.list.description })
    async list(
      @spec.caller() caller: Caller,
      @Args({ type: () => spec.args }) args: ListArgs<unknown, string>,
      @Context('loaders') loaders: RequestLoaders,
    ): Promise<Node[]> {
      const page = await this.service.page(caller, args);
      return page.rows.map((row) => this.node(row, loaders));
    }

    @Query(() => spec.connection, {
      name: spec.connectionName,
      description: spec.connectionDescription,
    })
    async connection(
      @spec.caller() caller: Caller,
      @Args({ type: () => spec.args }) args: ListArgs<unknown, string>,
      @Context('loaders') loaders: RequestLoaders,
    ): Promise<ConnectionShape<Node>> {
      const page = await this.service.page(caller, args);
      return toConnection(
        page,
        (row) => this.node(row, loaders),
        () => this.service.count(caller, args.filter),
      );
    }

    @Query(() => spec.node, {
      name: spec.byId.name,
      nullable: true,
      description: spec.byId.description,
    })
    async one(
      @spec.caller() caller: Caller,
      @IdArg('id', spec.byId.idDescription)
      id: string,
    ): Promise<Node | null> {
      const row = await this.service.findOne(caller, id);
      return row ? spec.toNode(row) : null;
    }
  }

  // The args' class is known only here: the validation pipe reads it from the parameter types.
  for (const key of ['list', 'connection'])
    Reflect.defineMetadata(
      'design:paramtypes',
      [Object, spec.args, Object],
      RecordQueriesHost.prototype,
      key,
    );
  for (const key of ['list', 'connection', 'one'])
    decorateMethod(RecordQueriesHost.prototype, key, spec.decorators ?? []);
  defineReferenceFields(spec.node, RecordQueriesHost.prototype, spec.references ?? {});
  return RecordQueriesHost;
}
