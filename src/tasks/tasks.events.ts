import type { EventPayload, FieldChanges, RecordChange } from '../common/events/event-payload.js';
import type { TaskStatus } from './task-status.enum.js';

export const TaskEvents = {
  Created: 'task.created',
  Updated: 'task.updated',
  /** Besides task.updated, when it became DONE: a `task_completed` notification. */
  Completed: 'task.completed',
  /** Soft delete (removeTask): hidden from every list and the due-time pass until restored. */
  Removed: 'task.removed',
  Restored: 'task.restored',
  /** Deleted for good (purgeTask, ADMIN). */
  Purged: 'task.purged',
  /** Its due time passed while OPEN (the due-time pass, once per due time): `task_due`. */
  Due: 'task.due',
} as const;

/** A task's tracked fields in their JSON form. */
export interface TaskFields {
  title: string;
  description: string | null;
  dueAt: string | null;
  status: TaskStatus;
  completedAt: string | null;
  assignedToId: string | null;
  leadId: string | null;
  dealId: string | null;
  deletedAt: string | null;
}

export interface TaskChange extends RecordChange {
  readonly id: string;
  /** Whom a notification about the task concerns: its assignee and its creator. */
  readonly assignedToId: string | null;
  readonly createdById: string | null;
  readonly leadId: string | null;
  readonly dealId: string | null;
  readonly changes: FieldChanges<TaskFields>;
}

export type TasksChanged = EventPayload<TaskChange> & { readonly entity: 'Task' };

declare module '../common/events/domain-event-map.js' {
  interface DomainEventMap {
    'task.created': TasksChanged;
    'task.updated': TasksChanged;
    'task.completed': TasksChanged;
    'task.removed': TasksChanged;
    'task.restored': TasksChanged;
    'task.purged': TasksChanged;
    'task.due': TasksChanged;
  }
}
