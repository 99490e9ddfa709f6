import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { SortDirection } from '../common/graphql/sort-direction.enum.js';
import type { SqlParams, SortColumn } from '../common/pagination/keyset.js';
import { CsvExport } from '../database/csv-export.js';
import { prepared } from '../database/prepared.js';
import { RecordList, type RecordListSpec } from '../database/record-list.js';
import { insertRow, updateRow } from '../database/row-statements.js';
import { Sql } from '../database/sql.js';
import { dealLeadScoreSql } from '../scoring/deal-score.js';
import { DEAL_EXPORT_SELECT } from './deal-csv.js';
import { CLOSED_STAGES, type DealPriority, type DealStage } from './deal-enums.js';
import type { DealFilter } from './dto/deal-filter.input.js';
import { DealOrderField } from './dto/deal-order.input.js';
import { BulkSkipReason } from './bulk-deals-result.type.js';
import { DEAL_COLUMNS, DEAL_RECORD_COLUMNS, type DealRecord } from './deal.record.js';

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

/** The words of title and notes as the 'simple' parser splits them (migration 0015, deals_search). */
const DEAL_TEXT = 'search_vector';

/**
 * How many deals, in the list's order, a search looks through before it turns to deals_search: a
 * common word ("renewal", a frequent name) fills a page among the newest deals, where the index
 * would hand over every match to be fetched and sorted. Each costs a test of its stored words.
 */
const SEARCH_PROBE_ROWS = 3000;

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

/** What a bulk update gives every deal; `assignedToId` undefined leaves each one's assignee. */
export interface BulkDealChange {
  stage?: DealStage;
  priority?: DealPriority;
  assignedToId?: string | null;
}

/** The fields a bulk update may change, as each deal had them before. */
export type BulkChanged = Pick<
  DealRecord,
  'stage' | 'priority' | 'assignedToId' | 'leadScore' | 'closedAt'
>;

/** One id of a bulk operation: skipped with its reason, or the deal as written (and before). */
export type BulkOutcome =
  | { id: string; skipped: BulkSkipReason }
  | { id: string; skipped: null; deal: DealRecord; before: BulkChanged };

interface BulkRow extends Partial<DealRecord> {
  wantedId: string;
  skipped: BulkSkipReason | null;
  oldStage?: DealStage;
  oldPriority?: DealPriority;
  oldAssignedToId?: string | null;
  oldLeadScore?: number;
  oldClosedAt?: Date | null;
}

/**
 * The ids once each, in the order given ($1), and the live deals of the company ($2) among them,
 * locked in id order so that two bulk operations over the same deals queue instead of deadlocking.
 * `allowed` is who may be changed: everyone, or a SALES_REP's own deals ($3).
 */
const BULK_TARGETS = `
  wanted AS (
    SELECT deal_id, min(n) AS n FROM unnest($1::uuid[]) WITH ORDINALITY AS u(deal_id, n) GROUP BY deal_id
  ),
  found AS (
    SELECT id AS deal_id, stage AS old_stage, priority AS old_priority,
      assigned_to_id AS old_assigned_to_id, lead_score AS old_lead_score, closed_at AS old_closed_at,
      value AS deal_value, lead_source AS deal_lead_source,
      ($3::uuid IS NULL OR assigned_to_id IS NOT DISTINCT FROM $3::uuid) AS allowed
    FROM deals WHERE company_id = $2 AND id = ANY($1::uuid[]) AND deleted_at IS NULL
    ORDER BY id FOR NO KEY UPDATE
  )`;

/** Each id's outcome, in the order given; `done` is the CTE of the rows written. */
const BULK_OUTCOMES = (done: string, unwritten: BulkSkipReason) => `
  SELECT w.deal_id AS "wantedId", CASE
      WHEN f.deal_id IS NULL THEN '${BulkSkipReason.NOT_FOUND}'
      WHEN NOT f.allowed THEN '${BulkSkipReason.NOT_ASSIGNED}'
      WHEN d.id IS NULL THEN '${unwritten}'
    END AS skipped, d.*
  FROM wanted w LEFT JOIN found f USING (deal_id) LEFT JOIN ${done} d ON d.id = w.deal_id
  ORDER BY w.n`;

const OLD_VALUES = `x.old_stage AS "oldStage", x.old_priority AS "oldPriority",
  x.old_assigned_to_id AS "oldAssignedToId", x.old_lead_score AS "oldLeadScore",
  x.old_closed_at AS "oldClosedAt"`;

/**
 * One statement for every deal: the new stage, priority and assignee ($4–$7), the deal score of
 * what each becomes (dealLeadScoreSql, the formula dealLeadScore computes for a single write) and
 * closed_at as closedAtFor sets it. A deal that already has every value is left unwritten.
 */
const BULK_UPDATE = prepared(`
  WITH ${BULK_TARGETS},
  next AS (
    SELECT f.*, coalesce($4::text, f.old_stage) AS new_stage,
      coalesce($5::text, f.old_priority) AS new_priority,
      CASE WHEN $6::boolean THEN $7::uuid ELSE f.old_assigned_to_id END AS new_assigned_to_id
    FROM found f WHERE f.allowed
  ),
  changed AS (
    UPDATE deals SET stage = x.new_stage, priority = x.new_priority,
      assigned_to_id = x.new_assigned_to_id,
      lead_score = ${dealLeadScoreSql({ value: 'x.deal_value', stage: 'x.new_stage', priority: 'x.new_priority', leadSource: 'x.deal_lead_source' })},
      closed_at = CASE
        WHEN x.new_stage NOT IN (${[...CLOSED_STAGES].map((stage) => `'${stage}'`).join(', ')}) THEN NULL
        WHEN x.new_stage = x.old_stage AND x.old_closed_at IS NOT NULL THEN x.old_closed_at
        ELSE now() END,
      updated_at = now()
    FROM next x
    WHERE deals.company_id = $2 AND deals.id = x.deal_id
      AND (x.new_stage, x.new_priority, x.new_assigned_to_id)
        IS DISTINCT FROM (x.old_stage, x.old_priority, x.old_assigned_to_id)
    RETURNING ${DEAL_RECORD_COLUMNS}, ${OLD_VALUES}
  )
  ${BULK_OUTCOMES('changed', BulkSkipReason.UNCHANGED)}`);

/** Soft deletes in one statement; a removed deal is not found. */
const BULK_REMOVE = prepared(`
  WITH ${BULK_TARGETS},
  removed AS (
    UPDATE deals SET deleted_at = now(), updated_at = now()
    FROM found x
    WHERE deals.company_id = $2 AND deals.id = x.deal_id AND x.allowed
    RETURNING ${DEAL_RECORD_COLUMNS}, ${OLD_VALUES}
  )
  ${BULK_OUTCOMES('removed', BulkSkipReason.NOT_FOUND)}`);

const asGiven = (ids: readonly string[]): Map<string, string> =>
  new Map(ids.map((id) => [id.toLowerCase(), id]));

/** Each id as the client wrote it (PostgreSQL gives a uuid back in lower case). */
function outcomeOf(
  {
    wantedId,
    skipped,
    oldStage,
    oldPriority,
    oldAssignedToId,
    oldLeadScore,
    oldClosedAt,
    ...deal
  }: BulkRow,
  given: ReadonlyMap<string, string>,
): BulkOutcome {
  const id = given.get(wantedId) ?? wantedId;
  if (skipped) return { id, skipped };
  return {
    id,
    skipped: null,
    deal: deal as DealRecord,
    before: {
      stage: oldStage as DealStage,
      priority: oldPriority as DealPriority,
      assignedToId: oldAssignedToId ?? null,
      leadScore: oldLeadScore as number,
      closedAt: oldClosedAt ?? null,
    },
  };
}

const FIND = (condition: string, lock: string) =>
  prepared(
    `SELECT ${DEAL_RECORD_COLUMNS} FROM deals WHERE id = $1 AND company_id = $2 ${condition} ${lock}`,
  );
const FIND_LIVE = FIND('AND deleted_at IS NULL', '');
const FIND_LIVE_LOCKED = FIND('AND deleted_at IS NULL', 'FOR UPDATE');
const FIND_ANY_LOCKED = FIND('', 'FOR UPDATE');

/** The deals filter as SQL conditions, the tenant first. */
function dealWhere(companyId: string, filter: DealFilter, params: SqlParams): string[] {
  const where = [`company_id = ${params.add(companyId)}::uuid`];
  if (!filter.includeDeleted) where.push('deleted_at IS NULL');
  // One value as `=`, so the stage's (priority's) index yields the creation order too.
  const oneOf = (column: string, values?: string[]): void => {
    if (values?.length === 1) where.push(`${column} = ${params.add(values[0])}`);
    else if (values?.length) where.push(`${column} = ANY(${params.add(values)}::text[])`);
  };
  oneOf('stage', filter.stage);
  oneOf('priority', filter.priority);
  if (filter.assignedToId) where.push(`assigned_to_id = ${params.add(filter.assignedToId)}::uuid`);
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

const NEWEST = { field: DealOrderField.CREATED_AT, direction: SortDirection.DESC };

/** The deals list, declared once: filter, sorts, search and export. */
const DEAL_LIST: RecordListSpec<DealRecord, DealFilter, DealOrderField> = {
  table: 'deals',
  columns: DEAL_RECORD_COLUMNS,
  record: DEAL_COLUMNS,
  where: dealWhere,
  sorts: SORTS,
  search: { key: 'search', probeRows: SEARCH_PROBE_ROWS, columns: DEAL_TEXT, match: searchMatch },
  csv: { columns: DEAL_EXPORT_SELECT, what: 'deal' },
};

@Injectable()
export class DealsRepository {
  /** page, count and copyCsv of the deals list. */
  readonly list: RecordList<DealRecord, DealFilter, DealOrderField>;

  constructor(
    private readonly sql: Sql,
    csv: CsvExport,
  ) {
    this.list = new RecordList(sql, DEAL_LIST, csv);
  }

  async findLive(companyId: string, id: string, transaction?: Transaction) {
    const statement = transaction ? FIND_LIVE_LOCKED : FIND_LIVE;
    const [deal] = await this.sql.rows<DealRecord>(statement, [id, companyId], transaction);
    return deal ?? null;
  }

  findLiveByIds(companyId: string, ids: readonly string[]): Promise<DealRecord[]> {
    return this.sql.rows<DealRecord>(
      prepared(
        `SELECT ${DEAL_RECORD_COLUMNS} FROM deals WHERE company_id = $1 AND id = ANY($2::uuid[]) AND deleted_at IS NULL`,
      ),
      [companyId, ids],
    );
  }

  /** Live or removed, locked until the transaction ends. */
  async findAny(companyId: string, id: string, transaction: Transaction) {
    const [deal] = await this.sql.rows<DealRecord>(FIND_ANY_LOCKED, [id, companyId], transaction);
    return deal ?? null;
  }

  latestForLeads(
    companyId: string,
    leadIds: readonly string[],
    perLead: number,
    fields: readonly string[] | null = null,
  ) {
    // The newest of each lead: one index range (deals_by_lead) per lead.
    return this.list.latestFor('lead_id', companyId, leadIds, perLead, NEWEST, fields);
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

  /**
   * The change given to each of `ids` that is a live deal of the company, and that `onlyOf`
   * (a SALES_REP) is assigned when given: one outcome per distinct id, in the order given.
   */
  async bulkUpdate(
    companyId: string,
    ids: readonly string[],
    change: BulkDealChange,
    onlyOf: string | null,
    transaction: Transaction,
  ): Promise<BulkOutcome[]> {
    const rows = await this.sql.rows<BulkRow>(
      BULK_UPDATE,
      [
        ids,
        companyId,
        onlyOf,
        change.stage ?? null,
        change.priority ?? null,
        change.assignedToId !== undefined,
        change.assignedToId ?? null,
      ],
      transaction,
    );
    const given = asGiven(ids);
    return rows.map((row) => outcomeOf(row, given));
  }

  /** As bulkUpdate, removing (soft delete). */
  async bulkRemove(
    companyId: string,
    ids: readonly string[],
    onlyOf: string | null,
    transaction: Transaction,
  ): Promise<BulkOutcome[]> {
    const rows = await this.sql.rows<BulkRow>(BULK_REMOVE, [ids, companyId, onlyOf], transaction);
    const given = asGiven(ids);
    return rows.map((row) => outcomeOf(row, given));
  }
}
