import { column, selectOf, type RowOf } from '../database/record-columns.js';
import type { TaskStatus } from './task-status.enum.js';

/** A task's columns, declared once: the row type and the SELECT list follow from it. */
export const TASK_COLUMNS = {
  id: column<string>('id'),
  companyId: column<string>('company_id'),
  title: column<string>('title'),
  description: column<string | null>('description'),
  dueAt: column<Date | null>('due_at'),
  status: column<TaskStatus>('status'),
  completedAt: column<Date | null>('completed_at'),
  assignedToId: column<string | null>('assigned_to_id'),
  createdById: column<string | null>('created_by_id'),
  leadId: column<string | null>('lead_id'),
  dealId: column<string | null>('deal_id'),
  createdAt: column<Date>('created_at'),
  updatedAt: column<Date>('updated_at'),
  /** Set while the task is removed (restoreTask brings it back). */
  deletedAt: column<Date | null>('deleted_at'),
};

/** A task's columns as plain data. */
export type TaskRecord = RowOf<typeof TASK_COLUMNS>;

/** SELECT list producing a TaskRecord from the tasks table. */
export const TASK_RECORD_COLUMNS = selectOf(TASK_COLUMNS);
