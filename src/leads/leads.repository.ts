import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { CsvExport } from '../database/csv-export.js';
import { insertRow, insertRows, updateRow } from '../database/row-statements.js';
import { keysetOf, RecordList, type RecordListSpec } from '../database/record-list.js';
import type { SortDirection } from '../common/graphql/sort-direction.enum.js';
import { prepared } from '../database/prepared.js';
import { Sql } from '../database/sql.js';
import type { SqlParams, SortColumn } from '../common/pagination/keyset.js';
import { escapeLike } from '../common/sql/escape-like.js';
import { LeadOrderField } from './dto/lead-order.input.js';
import { EXPORT_SELECT } from './lead-csv.js';
import type { LeadFilter } from './dto/lead-filter.input.js';
import { LEAD_RECORD_COLUMNS, type LeadRecord } from './lead.record.js';

/** The columns a new lead is written with; the database gives the rest their defaults. */
export type NewLead = Partial<Omit<LeadRecord, 'id' | 'createdAt' | 'updatedAt'>> &
  Pick<LeadRecord, 'companyId'>;

const iso = (d: Date): string => d.toISOString();

/** A lead as lists return it: in score order, with the score its cursor needs. */
export type ListedLead = LeadRecord & { activityScore?: number };

/**
 * The leads with their activity scores (lead_scores, migration 0011), under the names of leads'
 * own columns, so that a filter or a page reads the same SQL over either. Every lead has its score
 * row. The score's key is lead_scores' own lead_id (scored_id): in a comparison with it,
 * lead_scores_by_score serves a page in score order as leads_by_created serves one by date.
 */
const SCORED_LEADS = `(SELECT l.*, s.activity_score, s.lead_id AS scored_id
  FROM lead_scores s JOIN leads l ON l.company_id = s.company_id AND l.id = s.lead_id) AS leads`;

/** Each sort maps onto one index of migration 0002 (see the comments there) or 0011. */
const SORTS: Record<LeadOrderField, SortColumn<ListedLead>[]> = {
  [LeadOrderField.CREATED_AT]: [
    { sql: 'created_at', type: 'timestamptz', value: (l) => iso(l.createdAt) },
  ],
  [LeadOrderField.UPDATED_AT]: [
    { sql: 'updated_at', type: 'timestamptz', value: (l) => iso(l.updatedAt) },
  ],
  [LeadOrderField.LAST_NAME]: [{ sql: 'last_name', type: 'text', value: (l) => l.lastName }],
  [LeadOrderField.EMAIL]: [
    { sql: 'lower(email)', type: 'text', value: (l) => l.email.toLowerCase() },
  ],
  [LeadOrderField.BUDGET]: [
    { sql: 'coalesce(budget, -1)', type: 'numeric', value: (l) => l.budget ?? '-1' },
  ],
  [LeadOrderField.STATUS]: [
    { sql: 'status', type: 'text', value: (l) => l.status },
    { sql: 'created_at', type: 'timestamptz', value: (l) => iso(l.createdAt) },
  ],
  // Over SCORED_LEADS.
  [LeadOrderField.ACTIVITY_SCORE]: [
    { sql: 'activity_score', type: 'int', value: (l) => l.activityScore ?? 0 },
  ],
};

const scoreOrder = (field: LeadOrderField): boolean => field === LeadOrderField.ACTIVITY_SCORE;
const scoreBounds = (filter: LeadFilter): boolean =>
  filter.activityScoreMin !== undefined || filter.activityScoreMax !== undefined;

/** Where a list reads from: the leads alone, unless the score orders or narrows it. */
function listSource(filter: LeadFilter, field?: LeadOrderField): { from: string; columns: string } {
  return (field && scoreOrder(field)) || scoreBounds(filter)
    ? { from: SCORED_LEADS, columns: `${LEAD_RECORD_COLUMNS}, activity_score AS "activityScore"` }
    : { from: 'leads', columns: LEAD_RECORD_COLUMNS };
}

/** How many rows, in sort order, a search looks through before it turns to the trigram index. */
const SEARCH_PROBE_ROWS = 4000;

/** A term made of phone characters only, with at least this many digits, is searched as digits. */
const PHONE_TERM = /^[\d\s+().-]+$/;
const PHONE_TERM_MIN_DIGITS = 3;

/**
 * Name, email or phone contains the term, in any letter case: search_text (migration 0003) holds
 * them lower-cased, so only the pattern is lower-cased, once, and leads_search_trgm serves it. A
 * phone-like term is reduced to its digits, which search_text also holds for the phone: `(212)
 * 555-0123` finds `+1 212 555 0123`.
 */
function searchMatch(term: string, params: SqlParams): string {
  const digits = term.replace(/\D/g, '');
  const text = PHONE_TERM.test(term) && digits.length >= PHONE_TERM_MIN_DIGITS ? digits : term;
  return `search_text LIKE lower(${params.add(escapeLike(text))})`;
}

/** The leads filter as SQL conditions, the tenant first. */
function leadWhere(companyId: string, filter: LeadFilter, params: SqlParams): string[] {
  const where = [`company_id = ${params.add(companyId)}::uuid`];
  if (!filter.includeDeleted) where.push('deleted_at IS NULL');
  // One status as `=`, so leads_by_status also yields the creation order (ANY does not, before PG 17).
  if (filter.status?.length === 1) where.push(`status = ${params.add(filter.status[0])}`);
  else if (filter.status?.length) where.push(`status = ANY(${params.add(filter.status)}::text[])`);
  if (filter.unassigned) where.push('assigned_to_id IS NULL');
  else if (filter.assignedToId)
    where.push(`assigned_to_id = ${params.add(filter.assignedToId)}::uuid`);
  if (filter.location) where.push(`location ILIKE ${params.add(escapeLike(filter.location))}`);
  if (filter.budgetMin !== undefined)
    where.push(`budget >= ${params.add(filter.budgetMin)}::numeric`);
  if (filter.budgetMax !== undefined)
    where.push(`budget <= ${params.add(filter.budgetMax)}::numeric`);
  // Over SCORED_LEADS (listSource).
  if (filter.activityScoreMin !== undefined)
    where.push(`activity_score >= ${params.add(filter.activityScoreMin)}::int`);
  if (filter.activityScoreMax !== undefined)
    where.push(`activity_score <= ${params.add(filter.activityScoreMax)}::int`);
  if (filter.createdFrom)
    where.push(`created_at >= ${params.add(filter.createdFrom)}::timestamptz`);
  if (filter.createdTo) where.push(`created_at < ${params.add(filter.createdTo)}::timestamptz`);
  if (filter.search) where.push(searchMatch(filter.search, params));
  return where;
}

/** The leads list, declared once: filter, sorts (the score's over SCORED_LEADS), search, export. */
const LEAD_LIST: RecordListSpec<ListedLead, LeadFilter, LeadOrderField> = {
  table: 'leads',
  columns: LEAD_RECORD_COLUMNS,
  where: leadWhere,
  sorts: SORTS,
  idColumn: (field) => (scoreOrder(field) ? 'scored_id' : 'id'),
  source: listSource,
  // In the default order leads_by_created holds search_text too: the probe is an index-only scan.
  search: {
    key: 'search',
    probeRows: SEARCH_PROBE_ROWS,
    columns: 'search_text',
    match: searchMatch,
  },
  csv: { columns: EXPORT_SELECT, what: 'lead' },
};

/** The order of a leads list (a deep cursor, for the benchmark). */
export const leadKeyset = (field: LeadOrderField, direction: SortDirection) =>
  keysetOf(LEAD_LIST, field, direction);

@Injectable()
export class LeadsRepository {
  /** page, count and copyCsv of the leads list. */
  readonly list: RecordList<ListedLead, LeadFilter, LeadOrderField>;

  constructor(
    private readonly sql: Sql,
    csv: CsvExport,
  ) {
    this.list = new RecordList(sql, LEAD_LIST, csv);
  }

  /** A live lead of the company, locked for update when inside a transaction. */
  findLive(companyId: string, id: string, transaction?: Transaction): Promise<LeadRecord | null> {
    return this.findOne(companyId, id, 'AND deleted_at IS NULL', transaction);
  }

  /** A lead of the company, live or deleted, locked for update when inside a transaction. */
  findAny(companyId: string, id: string, transaction?: Transaction): Promise<LeadRecord | null> {
    return this.findOne(companyId, id, '', transaction);
  }

  private async findOne(
    companyId: string,
    id: string,
    condition: string,
    transaction?: Transaction,
  ): Promise<LeadRecord | null> {
    const lock = transaction ? 'FOR UPDATE' : '';
    const [lead] = await this.sql.rows<LeadRecord>(
      prepared(
        `SELECT ${LEAD_RECORD_COLUMNS} FROM leads WHERE id = $1 AND company_id = $2 ${condition} ${lock}`,
      ),
      [id, companyId],
      transaction,
    );
    return lead ?? null;
  }

  findLiveByIds(companyId: string, ids: readonly string[]): Promise<LeadRecord[]> {
    return this.sql.rows<LeadRecord>(
      prepared(
        `SELECT ${LEAD_RECORD_COLUMNS} FROM leads WHERE company_id = $1 AND id = ANY($2::uuid[]) AND deleted_at IS NULL`,
      ),
      [companyId, ids],
    );
  }

  async findLiveByEmail(
    companyId: string,
    email: string,
    transaction?: Transaction,
  ): Promise<LeadRecord | null> {
    const [lead] = await this.sql.rows<LeadRecord>(
      prepared(
        `SELECT ${LEAD_RECORD_COLUMNS} FROM leads WHERE company_id = $1 AND lower(email) = $2 AND deleted_at IS NULL`,
      ),
      [companyId, email.toLowerCase()],
      transaction,
    );
    return lead ?? null;
  }

  /** Live leads of the company having any of these emails (lower-case). */
  findLiveByEmails(
    companyId: string,
    emails: string[],
    transaction?: Transaction,
  ): Promise<Pick<LeadRecord, 'id' | 'email'>[]> {
    return this.sql.rows<Pick<LeadRecord, 'id' | 'email'>>(
      prepared(
        'SELECT id, email FROM leads WHERE company_id = $1 AND deleted_at IS NULL AND lower(email) = ANY($2::text[])',
      ),
      [companyId, emails],
      transaction,
    );
  }

  async create(values: NewLead, transaction: Transaction): Promise<LeadRecord> {
    const [lead] = await this.sql.rows<LeadRecord>(
      ...insertRow('leads', values, LEAD_RECORD_COLUMNS),
      transaction,
    );
    return lead;
  }

  /** The leads as written, in the order given. */
  createMany(rows: NewLead[], transaction: Transaction): Promise<LeadRecord[]> {
    return this.sql.rows<LeadRecord>(
      ...insertRows('leads', rows, LEAD_RECORD_COLUMNS),
      transaction,
    );
  }

  /** The lead after the change. */
  async save(
    lead: Pick<LeadRecord, 'id' | 'companyId'>,
    changes: Partial<LeadRecord>,
    transaction: Transaction,
  ): Promise<LeadRecord> {
    const [saved] = await this.sql.rows<LeadRecord>(
      ...updateRow('leads', lead, changes, LEAD_RECORD_COLUMNS),
      transaction,
    );
    return saved;
  }

  async purge(lead: Pick<LeadRecord, 'id' | 'companyId'>, transaction: Transaction): Promise<void> {
    await this.sql.rows(
      prepared('DELETE FROM leads WHERE id = $1 AND company_id = $2'),
      [lead.id, lead.companyId],
      transaction,
    );
  }
}
