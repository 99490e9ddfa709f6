import type { Page } from '../pagination/page.js';
import type { ListArgs } from './listing.js';

/** What a generated connection query calls: the feature's service. */
export interface ConnectionReader<Caller, Row, Args, Filter> {
  page(caller: Caller, args: Args): Promise<Page<Row>>;
  count(caller: Caller, filter: Filter): Promise<number>;
}

/** What the generated queries call: the feature's service (or its Listing). */
export interface RecordReader<Caller, Row, Args> extends ConnectionReader<
  Caller,
  Row,
  Args,
  ListArgs<unknown, string>['filter']
> {
  findOne(caller: Caller, id: string): Promise<Row | null>;
}

/** The caller a reader takes, read off its `page` method, so a resolver names no type twice. */
export type ReaderCaller<S> = S extends { page(caller: infer C, args: never): unknown } ? C : never;
/** The row a reader's pages hold. */
export type ReaderRow<S> = S extends { page(caller: never, args: never): Promise<Page<infer R>> }
  ? R
  : never;
