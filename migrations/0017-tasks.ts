// Tasks: a to-do with an assignee and a due time, on a lead or a deal of the same company (or
// neither). References are composite keys with the company, as for deals; a task outlives the
// record it was about (its reference is cleared). DONE and completed_at go together.
export const up = /* sql */ `
CREATE TABLE tasks (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  company_id      uuid NOT NULL REFERENCES companies (id) ON DELETE CASCADE,
  title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description     text CHECK (length(description) <= 10000),
  due_at          timestamptz(3),
  status          text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'DONE')),
  completed_at    timestamptz(3),
  -- Set once the due time passed while OPEN and the assignee was told (task_due); a new due time clears it.
  due_notified_at timestamptz(3),
  assigned_to_id  uuid,
  created_by_id   uuid,
  lead_id         uuid,
  deal_id         uuid,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT tasks_id_company UNIQUE (id, company_id),
  CONSTRAINT tasks_completed_when_done CHECK ((completed_at IS NOT NULL) = (status = 'DONE')),
  CONSTRAINT tasks_lead_same_company FOREIGN KEY (lead_id, company_id)
    REFERENCES leads (id, company_id) ON DELETE SET NULL (lead_id),
  CONSTRAINT tasks_deal_same_company FOREIGN KEY (deal_id, company_id)
    REFERENCES deals (id, company_id) ON DELETE SET NULL (deal_id),
  CONSTRAINT tasks_assignee_same_company FOREIGN KEY (assigned_to_id, company_id)
    REFERENCES users (id, company_id) ON DELETE SET NULL (assigned_to_id),
  CONSTRAINT tasks_creator_same_company FOREIGN KEY (created_by_id, company_id)
    REFERENCES users (id, company_id) ON DELETE SET NULL (created_by_id)
);

-- The list: soonest due first, undated last. The others serve a filter, a nested list or a
-- reference's ON DELETE action.
CREATE INDEX tasks_by_due ON tasks (company_id, (coalesce(due_at, 'infinity'::timestamptz)), id);
CREATE INDEX tasks_by_assignee ON tasks (company_id, assigned_to_id, (coalesce(due_at, 'infinity'::timestamptz)), id);
CREATE INDEX tasks_by_lead ON tasks (company_id, lead_id, (coalesce(due_at, 'infinity'::timestamptz)), id)
  WHERE lead_id IS NOT NULL;
CREATE INDEX tasks_by_deal ON tasks (company_id, deal_id, (coalesce(due_at, 'infinity'::timestamptz)), id)
  WHERE deal_id IS NOT NULL;
CREATE INDEX tasks_by_creator ON tasks (company_id, created_by_id);
-- What the due-time pass looks for, across companies: only tasks still to be told about.
CREATE INDEX tasks_due_pending ON tasks (due_at)
  WHERE status = 'OPEN' AND due_notified_at IS NULL AND due_at IS NOT NULL;
`;

export const down = /* sql */ `
DROP TABLE tasks;
`;
