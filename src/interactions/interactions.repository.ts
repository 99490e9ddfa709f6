import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { insertRow, updateRow } from '../database/row-statements.js';
import { Sql } from '../database/sql.js';
import { SortDirection } from '../common/graphql/sort-direction.enum.js';
import type { CursorValues } from '../common/pagination/cursor.js';
import { Keyset, SqlParams } from '../common/pagination/keyset.js';
import { joinLiveLead } from '../leads/live-lead.sql.js';
import type { InteractionFilter } from './dto/interaction-filter.input.js';
import { interactionRecordColumns, type InteractionRecord } from './interaction.model.js';

const COLUMNS = interactionRecordColumns('i');

/** The columns a new interaction is written with; the database gives the rest their defaults. */
export type NewInteraction = Omit<InteractionRecord, 'id' | 'createdAt' | 'updatedAt'>;

/** Interactions of removed leads are hidden with them. */
const LIVE_LEAD = joinLiveLead('l', 'i.lead_id');

/** Newest first; served by interactions_by_company and interactions_by_lead. */
export const INTERACTION_KEYSET = new Keyset<InteractionRecord>(
  [{ sql: 'date', type: 'timestamptz', value: (i) => i.date.toISOString() }],
  SortDirection.DESC,
  'i',
);

@Injectable()
export class InteractionsRepository {
  constructor(private readonly sql: Sql) {}

  private where(companyId: string, filter: InteractionFilter, params: SqlParams): string[] {
    const where = [`i.company_id = ${params.add(companyId)}::uuid`];
    if (filter.leadId) where.push(`i.lead_id = ${params.add(filter.leadId)}::uuid`);
    if (filter.type?.length) where.push(`i.type = ANY(${params.add(filter.type)}::text[])`);
    if (filter.createdById) where.push(`i.created_by_id = ${params.add(filter.createdById)}::uuid`);
    if (filter.dateFrom) where.push(`i.date >= ${params.add(filter.dateFrom)}::timestamptz`);
    if (filter.dateTo) where.push(`i.date < ${params.add(filter.dateTo)}::timestamptz`);
    return where;
  }

  page(
    companyId: string,
    filter: InteractionFilter,
    limit: number,
    after?: CursorValues,
  ): Promise<InteractionRecord[]> {
    const params = new SqlParams();
    const where = this.where(companyId, filter, params);
    if (after) where.push(INTERACTION_KEYSET.after(after, params));
    const sql = `SELECT ${interactionRecordColumns('i')} FROM interactions i ${LIVE_LEAD}
      WHERE ${where.join(' AND ')} ORDER BY ${INTERACTION_KEYSET.orderBy()} LIMIT ${params.add(limit)}`;
    return this.sql.rows<InteractionRecord>(sql, params.values);
  }

  async count(companyId: string, filter: InteractionFilter): Promise<number> {
    const params = new SqlParams();
    const sql = `SELECT count(*)::int AS n FROM interactions i ${LIVE_LEAD} WHERE ${this.where(companyId, filter, params).join(' AND ')}`;
    const [row] = await this.sql.rows<{ n: number }>(sql, params.values);
    return row.n;
  }

  /**
   * The newest `perLead` interactions of each lead, in one statement: a LATERAL index scan per lead
   * (interactions_by_lead) rather than all of their interactions.
   */
  latestForLeads(
    companyId: string,
    leadIds: readonly string[],
    perLead: number,
  ): Promise<InteractionRecord[]> {
    return this.sql.rows<InteractionRecord>(
      `SELECT ${interactionRecordColumns('i')} FROM unnest($1::uuid[]) AS l(id)
       CROSS JOIN LATERAL (
         SELECT * FROM interactions
         WHERE lead_id = l.id AND company_id = $2
         ORDER BY date DESC, id DESC LIMIT $3
       ) i`,
      [leadIds, companyId, perLead],
    );
  }

  /** Company-scoped, and only while the lead is live; locked when inside a transaction. */
  async findLive(
    companyId: string,
    id: string,
    transaction?: Transaction,
  ): Promise<InteractionRecord | null> {
    const [row] = await this.sql.rows<InteractionRecord>(
      `SELECT ${COLUMNS} FROM interactions i ${LIVE_LEAD}
       WHERE i.id = $1 AND i.company_id = $2 ${transaction ? 'FOR UPDATE OF i' : ''}`,
      [id, companyId],
      transaction,
    );
    return row ?? null;
  }

  async create(values: NewInteraction, transaction: Transaction): Promise<InteractionRecord> {
    const [row] = await this.sql.rows<InteractionRecord>(
      ...insertRow('interactions', values, interactionRecordColumns('interactions')),
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
      ...updateRow('interactions', interaction, changes, interactionRecordColumns('interactions')),
      transaction,
    );
    return row;
  }

  async remove(
    interaction: Pick<InteractionRecord, 'id' | 'companyId'>,
    transaction: Transaction,
  ): Promise<void> {
    await this.sql.rows(
      'DELETE FROM interactions WHERE id = $1 AND company_id = $2',
      [interaction.id, interaction.companyId],
      transaction,
    );
  }
}
