import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { SortDirection } from '../common/graphql/sort-direction.enum.js';
import type { CursorValues } from '../common/pagination/cursor.js';
import { Keyset, SqlParams } from '../common/pagination/keyset.js';
import { insertRow } from '../database/row-statements.js';
import { Sql } from '../database/sql.js';
import { commentRecordColumns, type CommentRecord } from './comment.record.js';

/** The columns a new comment is written with; the database gives the rest their defaults. */
export type NewComment = Omit<CommentRecord, 'id' | 'createdAt' | 'updatedAt'>;

/** Which record's comments: a lead's or a deal's. */
export interface CommentParent {
  column: 'lead_id' | 'deal_id';
  id: string;
}

/** Newest first (comments_by_lead, comments_by_deal). */
export const COMMENT_KEYSET = new Keyset<CommentRecord>(
  [{ sql: 'created_at', type: 'timestamptz', value: (c) => c.createdAt.toISOString() }],
  SortDirection.DESC,
);

const COLUMNS = commentRecordColumns('c');

@Injectable()
export class CommentsRepository {
  constructor(private readonly sql: Sql) {}

  /** A page of one record's comments; the caller has checked the record is theirs to read. */
  page(
    companyId: string,
    parent: CommentParent,
    limit: number,
    after?: CursorValues,
  ): Promise<CommentRecord[]> {
    const params = new SqlParams();
    const where = [
      `company_id = ${params.add(companyId)}::uuid`,
      `${parent.column} = ${params.add(parent.id)}::uuid`,
    ];
    if (after) where.push(COMMENT_KEYSET.after(after, params));
    return this.sql.rows<CommentRecord>(
      `SELECT ${commentRecordColumns('comments')} FROM comments WHERE ${where.join(' AND ')}
       ORDER BY ${COMMENT_KEYSET.orderBy()} LIMIT ${params.add(limit)}`,
      params.values,
    );
  }

  async count(companyId: string, parent: CommentParent): Promise<number> {
    const [row] = await this.sql.rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM comments WHERE company_id = $1 AND ${parent.column} = $2`,
      [companyId, parent.id],
    );
    return row.n;
  }

  /** The newest `per` comments of each lead or deal: an index scan for each. */
  latestFor(
    column: CommentParent['column'],
    companyId: string,
    ids: readonly string[],
    per: number,
  ): Promise<CommentRecord[]> {
    return this.sql.rows<CommentRecord>(
      `SELECT c.* FROM unnest($1::uuid[]) AS p(id)
       CROSS JOIN LATERAL (
         SELECT ${commentRecordColumns('comments')} FROM comments
         WHERE company_id = $2 AND ${column} = p.id
         ORDER BY ${COMMENT_KEYSET.orderBy()} LIMIT $3
       ) c`,
      [ids, companyId, per],
    );
  }

  /** A comment of the company whose lead or deal is live; locked until the transaction ends. */
  async findLive(
    companyId: string,
    id: string,
    transaction: Transaction,
  ): Promise<CommentRecord | null> {
    const [row] = await this.sql.rows<CommentRecord>(
      `SELECT ${COLUMNS} FROM comments c
       LEFT JOIN leads l ON l.id = c.lead_id AND l.company_id = c.company_id
       LEFT JOIN deals d ON d.id = c.deal_id AND d.company_id = c.company_id
       WHERE c.id = $1 AND c.company_id = $2 AND l.deleted_at IS NULL AND d.deleted_at IS NULL
       FOR UPDATE OF c`,
      [id, companyId],
      transaction,
    );
    return row ?? null;
  }

  async create(values: NewComment, transaction: Transaction): Promise<CommentRecord> {
    const [row] = await this.sql.rows<CommentRecord>(
      ...insertRow('comments', values, commentRecordColumns('comments')),
      transaction,
    );
    return row;
  }

  async remove(comment: Pick<CommentRecord, 'id' | 'companyId'>, transaction: Transaction) {
    await this.sql.rows(
      'DELETE FROM comments WHERE id = $1 AND company_id = $2',
      [comment.id, comment.companyId],
      transaction,
    );
  }
}
