import type { NotificationType } from './notification-type.enum.js';

/** A notification's columns as plain data. */
export interface NotificationRecord {
  id: string;
  companyId: string;
  recipientId: string;
  type: NotificationType;
  title: string;
  message: string;
  itemCount: number;
  isRead: boolean;
  readAt: Date | null;
  relatedLeadId: string | null;
  relatedDealId: string | null;
  relatedTaskId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** SELECT (or RETURNING) list producing a NotificationRecord, columns of `alias` when given. */
export const notificationRecordColumns = (alias?: string): string => {
  const c = alias ? `${alias}.` : '';
  return `${c}id, ${c}company_id AS "companyId", ${c}recipient_id AS "recipientId", ${c}type,
  ${c}title, ${c}message, ${c}item_count AS "itemCount", ${c}is_read AS "isRead",
  ${c}read_at AS "readAt", ${c}related_lead_id AS "relatedLeadId",
  ${c}related_deal_id AS "relatedDealId", ${c}related_task_id AS "relatedTaskId",
  ${c}created_at AS "createdAt", ${c}updated_at AS "updatedAt"`;
};
