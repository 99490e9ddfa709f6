import { prepared } from '../database/prepared.js';
import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import type { SqlParams } from '../common/pagination/keyset.js';
import {
  newestFirst,
  RecordList,
  type NewestFirst,
  type RecordListSpec,
} from '../database/record-list.js';
import { selectOf } from '../database/record-columns.js';
import { insertRow } from '../database/row-statements.js';
import { Sql } from '../database/sql.js';
import { COMMENT_COLUMNS, COMMENT_RECORD_COLUMNS, type CommentRecord } from './comment.record.js';

/** The columns a new comment is written with; the database gives the rest their defaults. */
export type NewComment = Omit<CommentRecord, 'id' | 'createdAt' | 'updatedAt'>;

/** Which record's comments: a lead's or a deal's (the service lets exactly one through). */
export interface CommentTarget {
  leadId?: string | null;
  dealId?: string | null;
}

/** The comments list has one order: newest first. */
const NEWEST = newestFirst<CommentRecord>('created_at', (c) => c.createdAt);
export const COMMENT_ORDER = NEWEST.order;

/** A record's comments as SQL conditions, the tenant first. */
function commentWhere(companyId: string, target: CommentTarget, params: SqlParams): string[] {
  const where = [`company_id = ${params.add(companyId)}::uuid`];
  if (target.leadId) where.push(`lead_id = ${params.add(target.leadId)}::uuid`);
  if (target.dealId) where.push(`deal_id = ${params.add(target.dealId)}::uuid`);
  return where;
}

/** The comments list, declared once (comments_by_lead, comments_by_deal); a comment is deleted for good. */
const COMMENT_LIST: RecordListSpec<CommentRecord, CommentTarget, NewestFirst> = {
  table: 'comments',
  columns: COMMENT_RECORD_COLUMNS,
  record: COMMENT_COLUMNS,
  live: null,
  where: commentWhere,
  sorts: NEWEST.sorts,
};

@Injectable()
export class CommentsRepository {
  /** page and count of one record's comments. */
  readonly list: RecordList<CommentRecord, CommentTarget, NewestFirst>;

  constructor(private readonly sql: Sql) {
    this.list = new RecordList(sql, COMMENT_LIST);
  }

  /** The newest `per` comments of each lead or deal: an index scan for each. */
  latestFor(
    parent: 'lead_id' | 'deal_id',
    companyId: string,
    ids: readonly string[],
    per: number,
    fields: readonly string[] | null = null,
  ): Promise<CommentRecord[]> {
    return this.list.latestFor(parent, companyId, ids, per, COMMENT_ORDER, fields);
  }

  /** A comment of the company whose lead or deal is live; locked until the transaction ends. */
  async findLive(
    companyId: string,
    id: string,
    transaction: Transaction,
  ): Promise<CommentRecord | null> {
    const [row] = await this.sql.rows<CommentRecord>(
      prepared(`SELECT ${selectOf(COMMENT_COLUMNS, 'c')} FROM comments c
       LEFT JOIN leads l ON l.id = c.lead_id AND l.company_id = c.company_id
       LEFT JOIN deals d ON d.id = c.deal_id AND d.company_id = c.company_id
       WHERE c.id = $1 AND c.company_id = $2 AND l.deleted_at IS NULL AND d.deleted_at IS NULL
       FOR UPDATE OF c`),
      [id, companyId],
      transaction,
    );
    return row ?? null;
  }

  async create(values: NewComment, transaction: Transaction): Promise<CommentRecord> {
    const [row] = await this.sql.rows<CommentRecord>(
      ...insertRow('comments', values, COMMENT_RECORD_COLUMNS),
      transaction,
    );
    return row;
  }

  async remove(comment: Pick<CommentRecord, 'id' | 'companyId'>, transaction: Transaction) {
    await this.sql.rows(
      prepared('DELETE FROM comments WHERE id = $1 AND company_id = $2'),
      [comment.id, comment.companyId],
      transaction,
    );
  }
}
