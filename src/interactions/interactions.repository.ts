import { prepared } from '../database/prepared.js';
import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import {
  newestFirst,
  RecordList,
  type NewestFirst,
  type RecordListSpec,
} from '../database/record-list.js';
import { selectOf } from '../database/record-columns.js';
import { insertRow, updateRow } from '../database/row-statements.js';
import { Sql } from '../database/sql.js';
import type { SqlParams } from '../common/pagination/keyset.js';
import { joinLiveLead } from '../leads/live-lead.sql.js';
import type { InteractionFilter } from './dto/interaction-filter.input.js';
import {
  INTERACTION_COLUMNS,
  INTERACTION_RECORD_COLUMNS,
  type InteractionRecord,
} from './interaction.record.js';

/** The lists read the table as `i`, beside the lead they join. */
const COLUMNS = selectOf(INTERACTION_COLUMNS, 'i');

/** The columns a new interaction is written with; the database gives the rest their defaults. */
export type NewInteraction = Omit<InteractionRecord, 'id' | 'createdAt' | 'updatedAt'>;

/** Interactions of removed leads are hidden with them. */
const LIVE_LEAD = joinLiveLead('l', 'i.lead_id');

/** The interactions list has one order: newest first, by when they took place. */
const NEWEST = newestFirst<InteractionRecord>('date', (i) => i.date);
export const INTERACTION_ORDER = NEWEST.order;

/** The interactions filter as SQL conditions, the tenant first. */
function interactionWhere(
  companyId: string,
  filter: InteractionFilter,
  params: SqlParams,
): string[] {
  const where = [`i.company_id = ${params.add(companyId)}::uuid`];
  if (filter.leadId) where.push(`i.lead_id = ${params.add(filter.leadId)}::uuid`);
  if (filter.type?.length) where.push(`i.type = ANY(${params.add(filter.type)}::text[])`);
  if (filter.createdById) where.push(`i.created_by_id = ${params.add(filter.createdById)}::uuid`);
  if (filter.dateFrom) where.push(`i.date >= ${params.add(filter.dateFrom)}::timestamptz`);
  if (filter.dateTo) where.push(`i.date < ${params.add(filter.dateTo)}::timestamptz`);
  return where;
}

/**
 * The interactions list, declared once (interactions_by_company, interactions_by_lead): only
 * while the lead is live. The nested list (latestFor) reads a lead's own, without the join.
 */
const INTERACTION_LIST: RecordListSpec<InteractionRecord, InteractionFilter, NewestFirst> = {
  table: 'interactions',
  alias: 'i',
  columns: COLUMNS,
  record: INTERACTION_COLUMNS,
  live: null,
  source: () => ({ from: `interactions i ${LIVE_LEAD}`, columns: COLUMNS }),
  where: interactionWhere,
  sorts: NEWEST.sorts,
};

const FIND_LIVE_TEXT = `SELECT ${COLUMNS} FROM interactions i ${LIVE_LEAD}
  WHERE i.id = $1 AND i.company_id = $2`;
const FIND_LIVE = prepared(FIND_LIVE_TEXT);
const FIND_LIVE_LOCKED = prepared(`${FIND_LIVE_TEXT} FOR UPDATE OF i`);

@Injectable()
export class InteractionsRepository {
  /** page and count of the interactions list. */
  readonly list: RecordList<InteractionRecord, InteractionFilter, NewestFirst>;

  constructor(private readonly sql: Sql) {
    this.list = new RecordList(sql, INTERACTION_LIST);
  }

  /**
   * The newest `perLead` interactions of each lead, in one statement: a LATERAL index scan per lead
   * (interactions_by_lead) rather than all of their interactions.
   */
  latestForLeads(
    companyId: string,
    leadIds: readonly string[],
    perLead: number,
    fields: readonly string[] | null = null,
  ): Promise<InteractionRecord[]> {
    return this.list.latestFor('lead_id', companyId, leadIds, perLead, INTERACTION_ORDER, fields);
  }

  /** Company-scoped, and only while the lead is live; locked when inside a transaction. */
  async findLive(
    companyId: string,
    id: string,
    transaction?: Transaction,
  ): Promise<InteractionRecord | null> {
    const [row] = await this.sql.rows<InteractionRecord>(
      transaction ? FIND_LIVE_LOCKED : FIND_LIVE,
      [id, companyId],
      transaction,
    );
    return row ?? null;
  }

  async create(values: NewInteraction, transaction: Transaction): Promise<InteractionRecord> {
    const [row] = await this.sql.rows<InteractionRecord>(
      ...insertRow('interactions', values, INTERACTION_RECORD_COLUMNS),
      transaction,
    );
    return row;
  }

  /** The interaction after the change. */
  async save(
    interaction: Pick<InteractionRecord, 'id' | 'companyId'>,
    changes: Partial<InteractionRecord>,
    transaction: Transaction,
  ): Promise<InteractionRecord> {
    const [row] = await this.sql.rows<InteractionRecord>(
      ...updateRow('interactions', interaction, changes, INTERACTION_RECORD_COLUMNS),
      transaction,
    );
    return row;
  }

  async remove(
    interaction: Pick<InteractionRecord, 'id' | 'companyId'>,
    transaction: Transaction,
  ): Promise<void> {
    await this.sql.rows(
      prepared('DELETE FROM interactions WHERE id = $1 AND company_id = $2'),
      [interaction.id, interaction.companyId],
      transaction,
    );
  }
}
