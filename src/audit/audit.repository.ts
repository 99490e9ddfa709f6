import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import type { SqlParams } from '../common/pagination/keyset.js';
import { prepared } from '../database/prepared.js';
import {
  newestFirst,
  RecordList,
  type NewestFirst,
  type RecordListSpec,
} from '../database/record-list.js';
import { Sql } from '../database/sql.js';
import type { AuditLogFilter } from './dto/audit-log-filter.input.js';
import { AUDIT_LOG_RECORD_COLUMNS, type AuditLogRecord } from './audit-log.record.js';

/** The trail's one order: newest first, (created_at, id) on audit_logs_company_page at any depth. */
const NEWEST = newestFirst<AuditLogRecord>('created_at', (l) => l.createdAt);
export const AUDIT_ORDER = NEWEST.order;

function auditWhere(companyId: string, filter: AuditLogFilter, params: SqlParams): string[] {
  const where = [`company_id = ${params.add(companyId)}::uuid`];
  if (filter.action) where.push(`action = ${params.add(filter.action)}`);
  if (filter.entityType) where.push(`entity_type = ${params.add(filter.entityType)}`);
  if (filter.entityId) where.push(`entity_id = ${params.add(filter.entityId)}::uuid`);
  if (filter.actorUserId) where.push(`actor_user_id = ${params.add(filter.actorUserId)}::uuid`);
  if (filter.from) where.push(`created_at >= ${params.add(filter.from)}::timestamptz`);
  if (filter.to) where.push(`created_at < ${params.add(filter.to)}::timestamptz`);
  return where;
}

/** The audit trail, declared once: its filter and its order. */
const AUDIT_LIST: RecordListSpec<AuditLogRecord, AuditLogFilter, NewestFirst> = {
  table: 'audit_logs',
  columns: AUDIT_LOG_RECORD_COLUMNS,
  where: auditWhere,
  sorts: NEWEST.sorts,
};

// clock_timestamp(), not the column's now(): the time of the write, not of the transaction's start.
const INSERT_AUDIT_LOGS =
  prepared(`INSERT INTO audit_logs (company_id, actor_kind, actor_user_id, actor_api_key_id, action,
   entity_type, entity_id, changes, request_id, ip, created_at)
 SELECT *, clock_timestamp() FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[],
   $6::text[], $7::uuid[], $8::jsonb[], $9::text[], $10::text[])`);

/** An entry to write: the database gives it its id and time. */
export type NewAuditLog = Omit<AuditLogRecord, 'id' | 'createdAt'>;

@Injectable()
export class AuditRepository {
  /** page and count of the audit trail. */
  readonly list: RecordList<AuditLogRecord, AuditLogFilter, NewestFirst>;

  constructor(private readonly sql: Sql) {
    this.list = new RecordList(sql, AUDIT_LIST);
  }

  /**
   * Every entry in one statement, whatever their number (a bulk event of 1 000 leads): one array
   * per column, unnested, so the statement has ten parameters however many rows it writes. Inside
   * a transaction it is sent, not waited for: the commit checks it (Sql.send).
   */
  async insertMany(entries: readonly NewAuditLog[], transaction?: Transaction): Promise<void> {
    if (entries.length === 0) return;
    const column = <T>(pick: (e: NewAuditLog) => T): T[] => entries.map(pick);
    const values = [
      column((e) => e.companyId),
      column((e) => e.actorKind),
      column((e) => e.actorUserId),
      column((e) => e.actorApiKeyId),
      column((e) => e.action),
      column((e) => e.entityType),
      column((e) => e.entityId),
      column((e) => (e.changes === null ? null : JSON.stringify(e.changes))),
      column((e) => e.requestId),
      column((e) => e.ip),
    ];
    if (transaction) this.sql.send(transaction, INSERT_AUDIT_LOGS, values);
    else await this.sql.rows(INSERT_AUDIT_LOGS, values);
  }
}
