/** What a notification is about; who receives each is in notification-rules.ts (GraphQL: notification.type.ts). */
export enum NotificationType {
  LEAD_CREATED = 'lead_created',
  LEAD_ASSIGNED = 'lead_assigned',
  SCORE_UPDATED = 'score_updated',
  TASK_COMPLETED = 'task_completed',
  TASK_DUE = 'task_due',
  COMMENT_ADDED = 'comment_added',
  DEAL_STAGE_CHANGED = 'deal_stage_changed',
  DEAL_ASSIGNED = 'deal_assigned',
}
