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
import { Sql } from '../database/sql.js';
import type { NotificationBatch } from './notification-batch.js';
import {
  NOTIFICATION_RECORD_COLUMNS as COLUMNS,
  type NotificationRecord,
} from './notification.record.js';

/** Whose notifications: the service always sets the recipient (the caller). */
export interface NotificationFilter {
  recipientId?: string;
  unreadOnly?: boolean | null;
}

/** The notifications list has one order: newest first. */
const NEWEST = newestFirst<NotificationRecord>('created_at', (n) => n.createdAt);
export const NOTIFICATION_ORDER = NEWEST.order;

/** One recipient's notifications as SQL conditions, the tenant first; no recipient, none. */
function notificationWhere(
  companyId: string,
  filter: NotificationFilter,
  params: SqlParams,
): string[] {
  const where = [
    `company_id = ${params.add(companyId)}::uuid`,
    `recipient_id = ${params.add(filter.recipientId ?? null)}::uuid`,
  ];
  if (filter.unreadOnly) where.push('NOT is_read');
  return where;
}

/** The notifications list, declared once (notifications_by_recipient, notifications_unread). */
const NOTIFICATION_LIST: RecordListSpec<NotificationRecord, NotificationFilter, NewestFirst> = {
  table: 'notifications',
  columns: COLUMNS,
  where: notificationWhere,
  sorts: NEWEST.sorts,
};

/**
 * One statement for a whole batch: the items and the users they name come in as arrays, the
 * audience the batch asks for is read here, the recipients are grouped, and one row per recipient
 * comes back for the push.
 */
const DELIVER = prepared(/* sql */ `
WITH item AS (
  SELECT i.n, i.lead_id, i.deal_id, i.task_id, i.detail,
         CASE WHEN (i.lead_id IS NOT NULL OR i.deal_id IS NOT NULL) AND l.id IS NULL AND d.id IS NULL
              THEN 'a removed record'
              ELSE coalesce(nullif(trim(concat_ws(' ', l.first_name, l.last_name)), ''), l.email, d.title, '')
         END AS record,
         coalesce(t.title, '') AS task,
         coalesce(l.assigned_to_id, d.assigned_to_id) AS record_assignee
  FROM unnest($4::int[], $5::uuid[], $6::uuid[], $7::uuid[], $8::text[])
       AS i(n, lead_id, deal_id, task_id, detail)
  LEFT JOIN leads l ON l.id = i.lead_id AND l.company_id = $1
  LEFT JOIN deals d ON d.id = i.deal_id AND d.company_id = $1
  LEFT JOIN tasks t ON t.id = i.task_id AND t.company_id = $1
), target AS (
  SELECT p.n, p.user_id FROM unnest($9::int[], $10::uuid[]) AS p(n, user_id)
  UNION SELECT item.n, u.id FROM item JOIN users u ON u.company_id = $1 AND u.role = ANY($11::text[])
  UNION SELECT item.n, item.record_assignee FROM item WHERE $12::boolean
  UNION SELECT item.n, c.author_id FROM item JOIN comments c
    ON c.company_id = $1 AND c.lead_id = item.lead_id WHERE $13::boolean
  UNION SELECT item.n, c.author_id FROM item JOIN comments c
    ON c.company_id = $1 AND c.deal_id = item.deal_id WHERE $13::boolean
), grouped AS (
  SELECT t.user_id, count(*)::int AS n, min(t.n) AS first
  FROM target t JOIN users u ON u.id = t.user_id AND u.company_id = $1 AND u.is_active
  WHERE t.user_id IS DISTINCT FROM $3::uuid
  GROUP BY t.user_id
)
INSERT INTO notifications (company_id, recipient_id, type, title, message, item_count,
                           related_lead_id, related_deal_id, related_task_id)
SELECT $1, g.user_id, $2,
       left(CASE WHEN g.n = 1 THEN format($14::text, i.record, i.task, i.detail) ELSE format($16::text, g.n) END, 200),
       left(CASE WHEN g.n = 1 THEN format($15::text, i.record, i.task, i.detail) ELSE format($17::text, g.n) END, 1000),
       g.n,
       CASE WHEN g.n = 1 THEN i.lead_id END,
       CASE WHEN g.n = 1 THEN i.deal_id END,
       CASE WHEN g.n = 1 THEN i.task_id END
FROM grouped g JOIN item i ON i.n = g.first
RETURNING ${COLUMNS}`);

@Injectable()
export class NotificationsRepository {
  /** page and count of a recipient's notifications. */
  readonly list: RecordList<NotificationRecord, NotificationFilter, NewestFirst>;

  constructor(private readonly sql: Sql) {
    this.list = new RecordList(sql, NOTIFICATION_LIST);
  }

  /** The batch's notifications, in `transaction` (their rows arrive with its commit) or at once. */
  deliver(batch: NotificationBatch, transaction?: Transaction): Promise<NotificationRecord[]> {
    const values = deliverValues(batch);
    return transaction
      ? this.sql.sendRows<NotificationRecord>(transaction, DELIVER, values)
      : this.sql.rows<NotificationRecord>(DELIVER, values);
  }

  /**
   * The recipient's notification, read now (unchanged when it already was); null when not theirs.
   * Two statements when it already was: a SELECT in the UPDATE's own statement would see the row
   * as it was before a concurrent markAsRead committed.
   */
  async markRead(
    companyId: string,
    recipientId: string,
    id: string,
  ): Promise<{ row: NotificationRecord; changed: boolean } | null> {
    const key = [id, companyId, recipientId];
    const [changed] = await this.sql.rows<NotificationRecord>(
      prepared(`UPDATE notifications SET is_read = true, read_at = now(), updated_at = now()
       WHERE id = $1 AND company_id = $2 AND recipient_id = $3 AND NOT is_read
       RETURNING ${COLUMNS}`),
      key,
    );
    if (changed) return { row: changed, changed: true };
    const [row] = await this.sql.rows<NotificationRecord>(
      prepared(
        `SELECT ${COLUMNS} FROM notifications WHERE id = $1 AND company_id = $2 AND recipient_id = $3`,
      ),
      key,
    );
    return row ? { row, changed: false } : null;
  }

  /** How many of the recipient's unread notifications were marked read. */
  async markAllRead(companyId: string, recipientId: string): Promise<number> {
    const rows = await this.sql.rows(
      prepared(`UPDATE notifications SET is_read = true, read_at = now(), updated_at = now()
       WHERE company_id = $1 AND recipient_id = $2 AND NOT is_read
       RETURNING 1`),
      [companyId, recipientId],
    );
    return rows.length;
  }

  async remove(companyId: string, recipientId: string, id: string): Promise<boolean> {
    const rows = await this.sql.rows(
      prepared(`DELETE FROM notifications WHERE id = $1 AND company_id = $2 AND recipient_id = $3
       RETURNING 1`),
      [id, companyId, recipientId],
    );
    return rows.length > 0;
  }
}

/** The batch as DELIVER's parameters: parallel arrays of items, and of (item, user) pairs. */
function deliverValues(batch: NotificationBatch): unknown[] {
  const pairs: { n: number[]; user: string[] } = { n: [], user: [] };
  batch.items.forEach((item, n) => {
    for (const user of new Set(item.recipients))
      if (user) {
        pairs.n.push(n);
        pairs.user.push(user);
      }
  });
  const { items, audience } = batch;
  return [
    batch.companyId,
    batch.type,
    batch.actorUserId,
    items.map((_, n) => n),
    items.map((i) => i.leadId ?? null),
    items.map((i) => i.dealId ?? null),
    items.map((i) => i.taskId ?? null),
    items.map((i) => i.detail ?? ''),
    pairs.n,
    pairs.user,
    audience.roles ?? [],
    audience.recordAssignee ?? false,
    audience.commenters ?? false,
    batch.single.title,
    batch.single.message,
    batch.grouped.title,
    batch.grouped.message,
  ];
}
