import { graphqlEnum, type EnumValue } from '../common/graphql/graphql-enum.js';
import { NOTIFICATION_RULES, type NotificationRule } from './notification-rules.js';

/**
 * A value as stored, described from its rule (notification-rules.ts) so that the schema says what
 * docs/features/notifications.md says. The rules key the values as text, not `NotificationType.X`,
 * so that this file can read them as it loads.
 */
function fromRule<const V extends string>(value: V): { value: V; description: string } {
  const rule: NotificationRule = NOTIFICATION_RULES[value as NotificationType];
  return { value, description: `After ${rule.after}; to ${rule.recipients}.` };
}

export const NotificationType = graphqlEnum(
  'NotificationType',
  'What a notification is about, and so who receives it.',
  {
    LEAD_CREATED: fromRule('lead_created'),
    LEAD_ASSIGNED: fromRule('lead_assigned'),
    SCORE_UPDATED: fromRule('score_updated'),
    TASK_COMPLETED: fromRule('task_completed'),
    TASK_DUE: fromRule('task_due'),
    COMMENT_ADDED: fromRule('comment_added'),
    DEAL_STAGE_CHANGED: fromRule('deal_stage_changed'),
    DEAL_ASSIGNED: fromRule('deal_assigned'),
  },
);
export type NotificationType = EnumValue<typeof NotificationType>;
