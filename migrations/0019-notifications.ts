// Notifications: one row per recipient, so that read state is each user's own. A notification
// outlives the lead, deal or task it was about (the reference is cleared) but not its recipient.
// The backlog holds ingested leads whose lead_created notification is still to be grouped.
export const up = /* sql */ `
CREATE TABLE notifications (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  company_id      uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  recipient_id    uuid NOT NULL,
  type            text NOT NULL CHECK (type IN ('lead_created', 'lead_assigned', 'score_updated',
                    'task_completed', 'task_due', 'comment_added', 'deal_stage_changed', 'deal_assigned')),
  title           text NOT NULL CHECK (length(title) <= 200),
  message         text NOT NULL CHECK (length(message) <= 1000),
  -- How many events this one stands for: 120 for "120 new leads".
  item_count      integer NOT NULL DEFAULT 1 CHECK (item_count >= 1),
  is_read         boolean NOT NULL DEFAULT false,
  read_at         timestamptz(3),
  related_lead_id uuid,
  related_deal_id uuid,
  related_task_id uuid,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT notifications_read_at CHECK ((read_at IS NOT NULL) = is_read),
  CONSTRAINT notifications_recipient_same_company FOREIGN KEY (recipient_id, company_id)
    REFERENCES users (id, company_id) ON DELETE CASCADE,
  CONSTRAINT notifications_lead_same_company FOREIGN KEY (related_lead_id, company_id)
    REFERENCES leads (id, company_id) ON DELETE SET NULL (related_lead_id),
  CONSTRAINT notifications_deal_same_company FOREIGN KEY (related_deal_id, company_id)
    REFERENCES deals (id, company_id) ON DELETE SET NULL (related_deal_id),
  CONSTRAINT notifications_task_same_company FOREIGN KEY (related_task_id, company_id)
    REFERENCES tasks (id, company_id) ON DELETE SET NULL (related_task_id)
);

-- A user's list, newest first; their unread count and markAllAsRead.
CREATE INDEX notifications_by_recipient
  ON notifications (company_id, recipient_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread ON notifications (company_id, recipient_id) WHERE NOT is_read;
-- For the ON DELETE actions of the references.
CREATE INDEX notifications_by_lead ON notifications (related_lead_id) WHERE related_lead_id IS NOT NULL;
CREATE INDEX notifications_by_deal ON notifications (related_deal_id) WHERE related_deal_id IS NOT NULL;
CREATE INDEX notifications_by_task ON notifications (related_task_id) WHERE related_task_id IS NOT NULL;

CREATE TABLE notification_backlog (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  company_id  uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  lead_id     uuid NOT NULL,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT notification_backlog_lead_same_company FOREIGN KEY (lead_id, company_id)
    REFERENCES leads (id, company_id) ON DELETE CASCADE
);
CREATE INDEX notification_backlog_by_lead ON notification_backlog (lead_id);
`;

export const down = /* sql */ `
DROP TABLE notification_backlog;
DROP TABLE notifications;
`;
