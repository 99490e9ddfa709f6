import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { SortDirection } from '../common/graphql/sort-direction.enum.js';
import type { CursorValues } from '../common/pagination/cursor.js';
import { Keyset, SqlParams, type SortColumn } from '../common/pagination/keyset.js';
import { prepared } from '../database/prepared.js';
import { insertRow, updateRow } from '../database/row-statements.js';
import { Sql } from '../database/sql.js';
import type { DealFilter } from './dto/deal-filter.input.js';
import { DealOrderField } from './dto/deal-order.input.js';
import { DEAL_RECORD_COLUMNS, type DealRecord } from './models/deal.record.js';

/** The columns a new deal is written with; the database gives the rest their defaults. */
export type NewDeal = Partial<Omit<DealRecord, 'id' | 'createdAt' | 'updatedAt'>> &
  Pick<DealRecord, 'companyId' | 'title' | 'currency' | 'leadScore'>;

const iso = (d: Date): string => d.toISOString();

/** Each sort maps onto one index of migration 0015, in the index's own terms (coalesce). */
const SORTS: Record<DealOrderField, SortColumn<DealRecord>[]> = {
  [DealOrderField.CREATED_AT]: [
    { sql: 'created_at', type: 'timestamptz', value: (d) => iso(d.createdAt) },
  ],
  [DealOrderField.UPDATED_AT]: [
    { sql: 'updated_at', type: 'timestamptz', value: (d) => iso(d.updatedAt) },
  ],
  [DealOrderField.VALUE]: [
    { sql: 'coalesce(value, -1)', type: 'numeric', value: (d) => d.value ?? '-1' },
  ],
  [DealOrderField.LEAD_SCORE]: [{ sql: 'lead_score', type: 'int', value: (d) => d.leadScore }],
  [DealOrderField.EXPECTED_CLOSE_DATE]: [
    {
      sql: "coalesce(expected_close_date, 'infinity'::date)",
      type: 'date',
      value: (d) => d.expectedCloseDate ?? 'infinity',
    },
  ],
};

export function dealKeyset(field: DealOrderField, direction: SortDirection): Keyset<DealRecord> {
  return new Keyset(SORTS[field], direction);
}

/** The text search reads, as deals_search indexes it (migration 0015). */
const DEAL_TEXT = `to_tsvector('simple', title || ' ' || coalesce(notes, ''))`;

/** How many words of a search are used: enough for any title, and a bounded query. */
const SEARCH_WORDS = 8;

/**
 * Every word of the search as a prefix (`'propos':* & 'acme.com':*`), the words split by the
 * parser that split the deals' text, each quoted as a literal: nothing the client writes is read
 * as tsquery syntax. No words: no match.
 */
function searchMatch(text: string, params: SqlParams): string {
  const words = `SELECT lexeme FROM unnest(to_tsvector('simple', ${params.add(text)})) LIMIT ${SEARCH_WORDS}`;
  return `${DEAL_TEXT} @@ to_tsquery('simple', (SELECT string_agg(quote_literal(lexeme) || ':*', ' & ') FROM (${words}) w))`;
}

export interface DealListQuery {
  companyId: string;
  filter: DealFilter;
  orderBy: DealOrderField;
  direction: SortDirection;
  limit: number;
  after?: CursorValues;
}

const FIND = (condition: string, lock: string) =>
  prepared(
    `SELECT ${DEAL_RECORD_COLUMNS} FROM deals WHERE id = $1 AND company_id = $2 ${condition} ${lock}`,
  );
const FIND_LIVE = FIND('AND deleted_at IS NULL', '');
const FIND_LIVE_LOCKED = FIND('AND deleted_at IS NULL', 'FOR UPDATE');
const FIND_ANY_LOCKED = FIND('', 'FOR UPDATE');

/** The newest `perLead` live deals of each lead: one index range (deals_by_lead) per lead. */
const LATEST_FOR_LEADS = prepared(
  `SELECT d.* FROM unnest($1::uuid[]) AS l(id)
   CROSS JOIN LATERAL (
     SELECT ${DEAL_RECORD_COLUMNS} FROM deals
     WHERE company_id = $2 AND lead_id = l.id AND deleted_at IS NULL
     ORDER BY created_at DESC, id DESC LIMIT $3
   ) d`,
);

@Injectable()
export class DealsRepository {
  constructor(private readonly sql: Sql) {}

  private where(companyId: string, filter: DealFilter, params: SqlParams): string[] {
    const where = [`company_id = ${params.add(companyId)}::uuid`];
    if (!filter.includeDeleted) where.push('deleted_at IS NULL');
    // One value as `=`, so the stage's (priority's) index yields the creation order too.
    const oneOf = (column: string, values?: string[]): void => {
      if (values?.length === 1) where.push(`${column} = ${params.add(values[0])}`);
      else if (values?.length) where.push(`${column} = ANY(${params.add(values)}::text[])`);
    };
    oneOf('stage', filter.stage);
    oneOf('priority', filter.priority);
    if (filter.assignedToId)
      where.push(`assigned_to_id = ${params.add(filter.assignedToId)}::uuid`);
    if (filter.leadId) where.push(`lead_id = ${params.add(filter.leadId)}::uuid`);
    // In the indexes' terms (coalesce), so that deals_by_value and deals_by_expected_close serve
    // a range too; a deal without a value (-1) or a date (infinity) is outside every range.
    if (filter.valueMin != null || filter.valueMax != null)
      where.push(`coalesce(value, -1) >= ${params.add(filter.valueMin ?? '0')}::numeric`);
    if (filter.valueMax != null)
      where.push(`coalesce(value, -1) <= ${params.add(filter.valueMax)}::numeric`);
    const closing = "coalesce(expected_close_date, 'infinity'::date)";
    if (filter.expectedCloseFrom != null || filter.expectedCloseTo != null)
      where.push(`${closing} < 'infinity'::date`);
    if (filter.expectedCloseFrom != null)
      where.push(`${closing} >= ${params.add(filter.expectedCloseFrom)}::date`);
    if (filter.expectedCloseTo != null)
      where.push(`${closing} <= ${params.add(filter.expectedCloseTo)}::date`);
    if (filter.search != null) where.push(searchMatch(filter.search, params));
    return where;
  }

  /** One keyset page (limit rows; ask for one more to learn whether another page follows). */
  page(query: DealListQuery): Promise<DealRecord[]> {
    const params = new SqlParams();
    const keyset = dealKeyset(query.orderBy, query.direction);
    const where = this.where(query.companyId, query.filter, params);
    if (query.after) where.push(keyset.after(query.after, params));
    return this.sql.rows<DealRecord>(
      `SELECT ${DEAL_RECORD_COLUMNS} FROM deals WHERE ${where.join(' AND ')}
       ORDER BY ${keyset.orderBy()} LIMIT ${params.add(query.limit)}`,
      params.values,
    );
  }

  async count(companyId: string, filter: DealFilter): Promise<number> {
    const params = new SqlParams();
    const sql = `SELECT count(*)::int AS n FROM deals WHERE ${this.where(companyId, filter, params).join(' AND ')}`;
    const [row] = await this.sql.rows<{ n: number }>(sql, params.values);
    return row.n;
  }

  async findLive(companyId: string, id: string, transaction?: Transaction) {
    const statement = transaction ? FIND_LIVE_LOCKED : FIND_LIVE;
    const [deal] = await this.sql.rows<DealRecord>(statement, [id, companyId], transaction);
    return deal ?? null;
  }

  /** Live or removed, locked until the transaction ends. */
  async findAny(companyId: string, id: string, transaction: Transaction) {
    const [deal] = await this.sql.rows<DealRecord>(FIND_ANY_LOCKED, [id, companyId], transaction);
    return deal ?? null;
  }

  latestForLeads(companyId: string, leadIds: readonly string[], perLead: number) {
    return this.sql.rows<DealRecord>(LATEST_FOR_LEADS, [leadIds, companyId, perLead]);
  }

  async create(values: NewDeal, transaction: Transaction): Promise<DealRecord> {
    const [deal] = await this.sql.rows<DealRecord>(
      ...insertRow('deals', values, DEAL_RECORD_COLUMNS),
      transaction,
    );
    return deal;
  }

  /** The deal after the change. */
  async save(
    deal: Pick<DealRecord, 'id' | 'companyId'>,
    changes: Partial<DealRecord>,
    transaction: Transaction,
  ): Promise<DealRecord> {
    const [saved] = await this.sql.rows<DealRecord>(
      ...updateRow('deals', deal, changes, DEAL_RECORD_COLUMNS),
      transaction,
    );
    return saved;
  }
}
