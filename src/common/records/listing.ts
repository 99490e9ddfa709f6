import type { Readable } from 'node:stream';
import type { SortDirection } from '../graphql/sort-direction.enum.js';
import { pageSize } from '../pagination/cursor.js';
import { toPage, type Page } from '../pagination/page.js';
import type { ListSourceOf } from './list-query.js';

/** A list's arguments as GraphQL takes them (PageArgs plus the feature's filter and order). */
export interface ListArgs<Filter, Field extends string> {
  first?: number | null;
  after?: string | null;
  filter?: Filter | null;
  orderBy?: { field: Field; direction: SortDirection } | null;
}

/** The export's query parameters: the filter, and the list's order. */
export type ExportArgs<Filter, Field extends string> = Filter & {
  orderBy: Field;
  direction: SortDirection;
};

/**
 * What a feature supplies: the readable-rows rule (it authorizes the caller and narrows the
 * filter to what they may read) and the default order.
 */
export interface ListingRules<Caller, Filter, Field extends string> {
  readable: (caller: Caller, filter?: Filter | null) => Filter;
  defaultOrder: () => { field: Field; direction: SortDirection };
}

/** readable filter → keyset page, count and CSV for one record, whoever lists it. */
export class Listing<
  Caller extends { companyId: string },
  Row extends { id: string },
  Filter,
  Field extends string,
> {
  constructor(
    private readonly source: ListSourceOf<Row, Filter, Field>,
    private readonly rules: ListingRules<Caller, Filter, Field>,
  ) {}

  async page(caller: Caller, args: ListArgs<Filter, Field>): Promise<Page<Row>> {
    const filter = this.rules.readable(caller, args.filter);
    const order = args.orderBy ?? this.rules.defaultOrder();
    const limit = pageSize(args.first ?? undefined);
    const keyset = this.source.keyset(order.field, order.direction);
    const rows = await this.source.page({
      companyId: caller.companyId,
      filter,
      orderBy: order.field,
      direction: order.direction,
      limit: limit + 1,
      after: args.after ? keyset.decode(args.after) : undefined,
    });
    return toPage(rows, limit, (row) => keyset.cursorOf(row), args.after);
  }

  count(caller: Caller, filter?: Filter | null): Promise<number> {
    return this.source.count(caller.companyId, this.rules.readable(caller, filter));
  }

  /** Every readable row the query matches, as CSV streamed by PostgreSQL; `owner` holds the slot. */
  exportCsv(caller: Caller, query: ExportArgs<Filter, Field>, owner: string): Promise<Readable> {
    const { orderBy, direction, ...filter } = query;
    return this.source.copyCsv(
      {
        companyId: caller.companyId,
        filter: this.rules.readable(caller, filter as Filter),
        orderBy,
        direction,
      },
      owner,
    );
  }
}
