import { Inject, type Type } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import type { ConnectionShape } from '../pagination/connection.type.js';
import { toConnection } from '../pagination/page.js';
import { decorateMethod } from './decorate-method.js';
import { defineReferenceFields, type ReferenceField } from './reference-fields.js';
import type { ReaderCaller, ConnectionReader, ReaderRow } from './record-reader.js';

/** A record listed only as a connection: its one root query, and the types it speaks. */
export interface RecordConnectionSpec<Row, Node, Args, Filter, Service> {
  node: Type<Node>;
  /** The feature's service the query calls; injected as `this.service` for the rest. */
  service: Type<Service>;
  connection: Type<ConnectionShape<Node>>;
  /** The query's @ArgsType: PageArgs and the filter, each at the top level. */
  args: Type<Args>;
  /** What `count` is given of the arguments (the filter without the page). */
  filter: (args: Args) => Filter;
  toNode: (row: Row) => Node;
  /** The caller as the feature reads it (auth's CurrentAuth). */
  caller: () => ParameterDecorator;
  name: string;
  description: string;
  /** Declared on the query (what it requires). */
  decorators: MethodDecorator[];
  /** The fields of the node that reach the records its ids point at (`task.lead`). */
  references?: Readonly<Record<string, ReferenceField<Node>>>;
}

/**
 * The connection query of a record that has no list or by-id query (a lead's comments, the
 * caller's notifications): a feature's resolver extends `RecordConnection(spec)` and reaches the
 * service as `this.service`. totalCount is counted only when selected (toConnection).
 */
export function RecordConnection<
  Service extends ConnectionReader<Caller, Row, Args, Filter>,
  Node,
  Args,
  Filter,
  Caller = ReaderCaller<Service>,
  Row = ReaderRow<Service>,
>(spec: RecordConnectionSpec<Row, Node, Args, Filter, Service>) {
  // Typed, so that the reference fields know their parent; abstract, so its query is declared once.
  @Resolver(() => spec.node, { isAbstract: true })
  abstract class RecordConnectionHost {
    @Inject(spec.service) protected readonly service!: Service;

    @Query(() => spec.connection, { name: spec.name, description: spec.description })
    async connection(
      @spec.caller() caller: Caller,
      @Args({ type: () => spec.args }) args: Args,
    ): Promise<ConnectionShape<Node>> {
      const page = await this.service.page(caller, args);
      return toConnection(page, spec.toNode, () => this.service.count(caller, spec.filter(args)));
    }
  }

  // The args' class is known only here: the validation pipe reads it from the parameter types.
  Reflect.defineMetadata(
    'design:paramtypes',
    [Object, spec.args],
    RecordConnectionHost.prototype,
    'connection',
  );
  decorateMethod(RecordConnectionHost.prototype, 'connection', spec.decorators);
  defineReferenceFields(spec.node, RecordConnectionHost.prototype, spec.references ?? {});
  return RecordConnectionHost;
}
