import type { TaskStatus } from './task-status.enum.js';

/** A task's columns as plain data. */
export interface TaskRecord {
  id: string;
  companyId: string;
  title: string;
  description: string | null;
  dueAt: Date | null;
  status: TaskStatus;
  completedAt: Date | null;
  assignedToId: string | null;
  createdById: string | null;
  leadId: string | null;
  dealId: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Set while the task is removed (restoreTask brings it back). */
  deletedAt: Date | null;
}

/** SELECT list producing a TaskRecord from the tasks table. */
export const TASK_RECORD_COLUMNS = `id, company_id AS "companyId", title, description, due_at AS "dueAt",
  status, completed_at AS "completedAt", assigned_to_id AS "assignedToId",
  created_by_id AS "createdById", lead_id AS "leadId", deal_id AS "dealId",
  created_at AS "createdAt", updated_at AS "updatedAt", deleted_at AS "deletedAt"`;
