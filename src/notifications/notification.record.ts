import { column, selectOf, type RowOf } from '../database/record-columns.js';
import type { NotificationType } from './notification-type.enum.js';

/** A notification's columns, declared once: the row type and the SELECT list follow from it. */
export const NOTIFICATION_COLUMNS = {
  id: column<string>('id'),
  companyId: column<string>('company_id'),
  recipientId: column<string>('recipient_id'),
  type: column<NotificationType>('type'),
  title: column<string>('title'),
  message: column<string>('message'),
  itemCount: column<number>('item_count'),
  isRead: column<boolean>('is_read'),
  readAt: column<Date | null>('read_at'),
  relatedLeadId: column<string | null>('related_lead_id'),
  relatedDealId: column<string | null>('related_deal_id'),
  relatedTaskId: column<string | null>('related_task_id'),
  createdAt: column<Date>('created_at'),
  updatedAt: column<Date>('updated_at'),
};

/** A notification's columns as plain data. */
export type NotificationRecord = RowOf<typeof NOTIFICATION_COLUMNS>;

/** SELECT (or RETURNING) list producing a NotificationRecord from the notifications table. */
export const NOTIFICATION_RECORD_COLUMNS = selectOf(NOTIFICATION_COLUMNS);
