// Tasks are removed like leads and deals: deleted_at hides them until restoreTask, and only
// purgeTask (ADMIN) deletes the row. The default list and the due-time pass read live tasks only,
// so their indexes hold live tasks only; includeDeleted lists (MANAGER/ADMIN) get a full index of
// their own, as leads do. The assignee, lead and deal indexes keep every row: the references'
// ON DELETE actions must reach removed tasks too (a removed task's lead purged clears it as well),
// and few tasks are removed.
export const up = /* sql */ `
ALTER TABLE tasks ADD COLUMN deleted_at timestamptz(3);

DROP INDEX tasks_by_due;
CREATE INDEX tasks_by_due ON tasks (company_id, (coalesce(due_at, 'infinity'::timestamptz)), id)
  WHERE deleted_at IS NULL;
CREATE INDEX tasks_all_by_due ON tasks (company_id, (coalesce(due_at, 'infinity'::timestamptz)), id);

DROP INDEX tasks_due_pending;
CREATE INDEX tasks_due_pending ON tasks (due_at)
  WHERE status = 'OPEN' AND due_notified_at IS NULL AND due_at IS NOT NULL AND deleted_at IS NULL;
`;

// Removed tasks come back as live ones: the column is all that marked them.
export const down = /* sql */ `
DROP INDEX tasks_due_pending;
CREATE INDEX tasks_due_pending ON tasks (due_at)
  WHERE status = 'OPEN' AND due_notified_at IS NULL AND due_at IS NOT NULL;

DROP INDEX tasks_all_by_due;
DROP INDEX tasks_by_due;
CREATE INDEX tasks_by_due ON tasks (company_id, (coalesce(due_at, 'infinity'::timestamptz)), id);

ALTER TABLE tasks DROP COLUMN deleted_at;
`;
