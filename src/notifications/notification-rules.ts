import { Role } from '../auth/role.enum.js';
import type { Audience, Templates } from './notification-batch.js';
// Type only: notification-type.enum.ts reads these rules as it loads.
import type { NotificationType } from './notification-type.enum.js';

/** How each type is written and who receives it; docs/features/notifications.md's table says the same. */
export interface NotificationRule {
  /** The domain event it follows, as the docs name it. */
  readonly after: string;
  /** Whom it goes to, in words (besides the audience, the users the event names). */
  readonly recipients: string;
  readonly audience: Audience;
  readonly single: Templates;
  readonly grouped: Templates;
}

/**
 * `%1$s` the lead's name (its e-mail when it has none) or the deal's title, `%2$s` the task's title, `%3$s` the event's detail; grouped
 * templates get the count as `%1$s`. Never the actor, only active users of the company.
 */
export const NOTIFICATION_RULES: Readonly<Record<NotificationType, NotificationRule>> = {
  lead_created: {
    after: '`lead.created` (GraphQL, or ingestion grouped over NOTIFICATION_GROUP_WINDOW_MS)',
    recipients: "the company's ADMINs and MANAGERs",
    audience: { roles: [Role.ADMIN, Role.MANAGER] },
    single: { title: 'New lead', message: '%1$s' },
    grouped: { title: '%1$s new leads', message: '%1$s new leads were added' },
  },
  lead_assigned: {
    after: '`lead.assigned`, or `lead.created` with an assignee',
    recipients: 'the new assignee',
    audience: { recordAssignee: true },
    single: { title: 'Lead assigned to you', message: '%1$s' },
    grouped: { title: '%1$s leads assigned to you', message: '%1$s leads were assigned to you' },
  },
  score_updated: {
    after: '`lead.score_changed` (a move of 10 points or more)',
    recipients: "the lead's assignee",
    audience: { recordAssignee: true },
    single: { title: 'Lead score changed', message: '%1$s: %3$s' },
    grouped: { title: '%1$s lead scores changed', message: '%1$s of your leads changed score' },
  },
  task_completed: {
    after: '`task.completed`',
    recipients: "the task's creator and assignee",
    audience: {},
    single: { title: 'Task completed', message: '%2$s' },
    grouped: { title: '%1$s tasks completed', message: '%1$s tasks were completed' },
  },
  task_due: {
    after: "a task's `dueAt` passing while OPEN (`task.due`, once per due time)",
    recipients: 'the assignee',
    audience: {},
    single: { title: 'Task due', message: '%2$s' },
    grouped: { title: '%1$s tasks due', message: '%1$s of your tasks are due' },
  },
  comment_added: {
    after: '`comment.added`',
    recipients: "the lead's or deal's assignee and its earlier commenters",
    audience: { recordAssignee: true, commenters: true },
    single: { title: 'New comment on %1$s', message: '%3$s' },
    grouped: { title: '%1$s new comments', message: '%1$s new comments' },
  },
  deal_stage_changed: {
    after: '`deal.stage_changed`',
    recipients: "the deal's assignee and creator",
    audience: {},
    single: { title: 'Deal stage changed', message: '%1$s: %3$s' },
    grouped: { title: '%1$s deals changed stage', message: '%1$s deals changed stage' },
  },
  deal_assigned: {
    after: '`deal.assigned`',
    recipients: 'the new assignee',
    audience: { recordAssignee: true },
    single: { title: 'Deal assigned to you', message: '%1$s' },
    grouped: { title: '%1$s deals assigned to you', message: '%1$s deals were assigned to you' },
  },
};

/** The recipients table of docs/features/notifications.md. */
export function notificationTableMarkdown(): string {
  const rows = Object.entries(NOTIFICATION_RULES).map(
    ([type, rule]) => `| \`${type}\` | ${rule.after} | ${rule.recipients} |`,
  );
  return ['| type | after | recipients |', '|---|---|---|', ...rows].join('\n');
}
