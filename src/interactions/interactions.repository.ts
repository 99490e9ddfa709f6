import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { ReadQuery } from '../database/read-query.js';
import { SortDirection } from '../common/graphql/sort-direction.enum.js';
import type { CursorValues } from '../common/pagination/cursor.js';
import { Keyset, SqlParams } from '../common/pagination/keyset.js';
import { joinLiveLead } from '../leads/live-lead.sql.js';
import type { InteractionFilter } from './dto/interaction-filter.input.js';
import {
  Interaction,
  interactionRecordColumns,
  type InteractionRecord,
} from './models/interaction.model.js';

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
  constructor(
    private readonly sequelize: Sequelize,
    private readonly reads: ReadQuery,
  ) {}

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
    return this.reads.rows<InteractionRecord>(sql, params.values);
  }

  async count(companyId: string, filter: InteractionFilter): Promise<number> {
    const params = new SqlParams();
    const sql = `SELECT count(*)::int AS n FROM interactions i ${LIVE_LEAD} WHERE ${this.where(companyId, filter, params).join(' AND ')}`;
    const [row] = await this.reads.rows<{ n: number }>(sql, params.values);
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
    return this.reads.rows<InteractionRecord>(
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
  ): Promise<Interaction | null> {
    const [row] = await this.sequelize.query<Interaction>(
      `SELECT i.* FROM interactions i ${LIVE_LEAD}
       WHERE i.id = $1 AND i.company_id = $2 ${transaction ? 'FOR UPDATE OF i' : ''}`,
      { bind: [id, companyId], model: Interaction, mapToModel: true, transaction },
    );
    return row ?? null;
  }

  create(values: Partial<Interaction>, transaction: Transaction): Promise<Interaction> {
    return Interaction.create({ ...values }, { transaction });
  }

  save(
    interaction: Interaction,
    changes: Partial<Interaction>,
    transaction: Transaction,
  ): Promise<Interaction> {
    return interaction.update(changes, { transaction });
  }

  async remove(interaction: Interaction, transaction: Transaction): Promise<void> {
    await interaction.destroy({ transaction });
  }
}
