import type { Type } from '@nestjs/common';
import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import type { LoaderKey, RequestLoaders } from '../graphql/loaders.js';
import type { ConnectionShape } from '../pagination/connection.type.js';
import { toConnection, type Page } from '../pagination/page.js';
import type { ListArgs } from './listing.js';

/** What a generated connection query calls: the feature's service (or its Listing). */
export interface ConnectionReader<Caller, Row, Args> {
  page(caller: Caller, args: Args): Promise<Page<Row>>;
  count(caller: Caller, filter: ListArgs<unknown, string>['filter']): Promise<number>;
}

/** A record's connection query: its name, description, and the types it speaks. */
export interface RecordConnectionSpec<Row, Node> {
  connection: Type<ConnectionShape<Node>>;
  /** The list's @ArgsType (PageArgs, and the filter and orderBy the record has). */
  args: Type<ListArgs<unknown, string>>;
  toNode: (row: Row) => Node;
  /** The caller as the feature reads it (auth's CurrentAuth). */
  caller: () => ParameterDecorator;
  connectionName: string;
  connectionDescription: string;
  /** Rows of a list are primed here, so fields reading them by id (interaction.lead) cost nothing. */
  primes?: LoaderKey<string, Row | null>;
  /** Declared on each generated query (what it requires, its cost). */
  decorators?: MethodDecorator[];
}

/** Applies the spec's decorators to generated queries, and names their args' class for the pipe. */
export function declareQueries(
  target: object,
  spec: Pick<RecordConnectionSpec<never, unknown>, 'args' | 'decorators'>,
  queries: { withArgs: string[]; all: string[] },
): void {
  // The args' class is known only here: the validation pipe reads it from the parameter types.
  for (const key of queries.withArgs)
    Reflect.defineMetadata('design:paramtypes', [Object, spec.args, Object], target, key);
  for (const key of queries.all) {
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (!descriptor) continue;
    for (const decorator of spec.decorators ?? []) decorator(target, key, descriptor);
  }
}

/**
 * The connection query of a record that has no plain list or by-id query (the audit trail, the
 * submissions journal): a feature's resolver extends `RecordConnection(spec)` and implements
 * `reader`. RecordQueries builds its trio on it.
 */
export function RecordConnection<Caller, Row extends { id: string }, Node>(
  spec: RecordConnectionSpec<Row, Node>,
) {
  @Resolver({ isAbstract: true })
  abstract class RecordConnectionHost {
    protected abstract readonly reader: ConnectionReader<Caller, Row, ListArgs<unknown, string>>;

    protected node(row: Row, loaders: RequestLoaders): Node {
      if (spec.primes) loaders.get(spec.primes).prime(row.id, row);
      return spec.toNode(row);
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
      const page = await this.reader.page(caller, args);
      return toConnection(
        page,
        (row) => this.node(row, loaders),
        () => this.reader.count(caller, args.filter),
      );
    }
  }

  declareQueries(RecordConnectionHost.prototype, spec, {
    withArgs: ['connection'],
    all: ['connection'],
  });
  return RecordConnectionHost;
}
