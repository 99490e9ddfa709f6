import type { Role } from '../auth/role.enum.js';
import type { NotificationType } from './notification-type.enum.js';

/**
 * Title and message templates, written with PostgreSQL's format(): `%1$s` is the record's name (a
 * lead's full name or a deal's title), `%2$s` the task's title, `%3$s` the item's detail. Values
 * come in as arguments and are never read as templates, so what a user typed stays text.
 */
export interface Templates {
  readonly title: string;
  readonly message: string;
}

/** One thing that happened, for the notification about it. */
export interface NotificationItem {
  readonly leadId?: string | null;
  readonly dealId?: string | null;
  readonly taskId?: string | null;
  /** Plain text the event knows and the record does not: a stage move, a comment's start. */
  readonly detail?: string | null;
  /** Users named by the event itself (an assignee, a creator); null entries are skipped. */
  readonly recipients: readonly (string | null)[];
}

/** Who receives a notification besides the users its items name. */
export interface Audience {
  /** Every active user of the company with one of these roles. */
  readonly roles?: readonly Role[];
  /** The assignee of the item's lead or deal, read at the time of the event. */
  readonly recordAssignee?: boolean;
  /** Everyone who commented on the item's lead or deal. */
  readonly commenters?: boolean;
}

/**
 * The notifications of one event: one row per recipient, whatever the number of items — a
 * recipient concerned by several items gets one notification written with `grouped` (`%1$s` the
 * count). Never the actor; only active users of the company.
 */
export interface NotificationBatch {
  readonly companyId: string;
  readonly type: NotificationType;
  readonly actorUserId: string | null;
  readonly single: Templates;
  readonly grouped: Templates;
  readonly audience: Audience;
  readonly items: readonly NotificationItem[];
}
