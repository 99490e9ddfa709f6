import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { SortDirection } from '../common/graphql/sort-direction.enum.js';
import type { SqlParams } from '../common/pagination/keyset.js';
import { RecordList, type RecordListSpec } from '../database/record-list.js';
import { prepared } from '../database/prepared.js';
import { insertRow, updateRow } from '../database/row-statements.js';
import { Sql } from '../database/sql.js';
import type { TaskFilter } from './dto/task-filter.input.js';
import { TASK_COLUMNS, TASK_RECORD_COLUMNS, type TaskRecord } from './task.record.js';

/** The columns a new task is written with; the database gives the rest their defaults. */
export type NewTask = Omit<
  TaskRecord,
  'id' | 'status' | 'completedAt' | 'createdAt' | 'updatedAt' | 'deletedAt'
>;

/** What a change may write: the record's fields, and the due-time notice to clear. */
export type TaskChanges = Partial<TaskRecord> & { dueNotifiedAt?: null };

/** The sort key of an unset due time, as the indexes of migration 0017 write it. */
const DUE = "coalesce(due_at, 'infinity'::timestamptz)";

/** The tasks list has one order: soonest due first, undated last. */
export type TaskOrderField = 'DUE';
export const TASK_ORDER = { field: 'DUE', direction: SortDirection.ASC } as const;

/** The tasks filter as SQL conditions, the tenant first. */
function taskWhere(companyId: string, filter: TaskFilter, params: SqlParams): string[] {
  const where = [`company_id = ${params.add(companyId)}::uuid`];
  // Live tasks only, unless asked (tasks_by_due holds only those; tasks_all_by_due every one).
  if (!filter.includeDeleted) where.push('deleted_at IS NULL');
  if (filter.status) where.push(`status = ${params.add(filter.status)}`);
  if (filter.assignedToId) where.push(`assigned_to_id = ${params.add(filter.assignedToId)}::uuid`);
  if (filter.leadId) where.push(`lead_id = ${params.add(filter.leadId)}::uuid`);
  if (filter.dealId) where.push(`deal_id = ${params.add(filter.dealId)}::uuid`);
  if (filter.dueBefore) where.push(`${DUE} < ${params.add(filter.dueBefore)}::timestamptz`);
  return where;
}

/** The tasks list, declared once (tasks_by_due, tasks_by_assignee, tasks_by_lead, tasks_by_deal). */
const TASK_LIST: RecordListSpec<TaskRecord, TaskFilter, TaskOrderField> = {
  table: 'tasks',
  columns: TASK_RECORD_COLUMNS,
  record: TASK_COLUMNS,
  where: taskWhere,
  sorts: {
    DUE: [{ sql: DUE, type: 'timestamptz', value: (t) => t.dueAt?.toISOString() ?? 'infinity' }],
  },
};

const FIND_ANY = `SELECT ${TASK_RECORD_COLUMNS} FROM tasks WHERE id = $1 AND company_id = $2`;
const FIND_LIVE = prepared(`${FIND_ANY} AND deleted_at IS NULL`);
const FIND_LIVE_LOCKED = prepared(`${FIND_ANY} AND deleted_at IS NULL FOR UPDATE`);
const FIND_ANY_LOCKED = prepared(`${FIND_ANY} FOR UPDATE`);

/** A task due, as the due-time pass hands it on. */
export interface DueTask {
  id: string;
  companyId: string;
  title: string;
  assignedToId: string | null;
  createdById: string | null;
  leadId: string | null;
  dealId: string | null;
}

/**
 * Claims up to $1 OPEN tasks whose due time has passed and that nobody was told about yet,
 * marking them told in the same statement. SKIP LOCKED: instances running the pass at once, or a
 * task being changed meanwhile, never wait on each other, and each task is claimed once.
 */
const CLAIM_DUE = prepared(`
  UPDATE tasks t SET due_notified_at = now()
  FROM (
    SELECT id FROM tasks
    WHERE status = 'OPEN' AND due_notified_at IS NULL AND due_at IS NOT NULL AND deleted_at IS NULL
      AND due_at <= now()
    ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED
  ) due
  WHERE t.id = due.id
  RETURNING t.id, t.company_id AS "companyId", t.title, t.assigned_to_id AS "assignedToId",
    t.created_by_id AS "createdById", t.lead_id AS "leadId", t.deal_id AS "dealId"`);

/** Which nested list: a lead's tasks or a deal's. */
export type TaskParent = 'lead_id' | 'deal_id';

@Injectable()
export class TasksRepository {
  /** page and count of the tasks list. */
  readonly list: RecordList<TaskRecord, TaskFilter, TaskOrderField>;

  constructor(private readonly sql: Sql) {
    this.list = new RecordList(sql, TASK_LIST);
  }

  /** A live task of the company; locked until the transaction ends when inside one. */
  async findLive(companyId: string, id: string, transaction?: Transaction) {
    const statement = transaction ? FIND_LIVE_LOCKED : FIND_LIVE;
    const [task] = await this.sql.rows<TaskRecord>(statement, [id, companyId], transaction);
    return task ?? null;
  }

  /** A task of the company, live or removed, locked until the transaction ends. */
  async findAny(companyId: string, id: string, transaction: Transaction) {
    const [task] = await this.sql.rows<TaskRecord>(FIND_ANY_LOCKED, [id, companyId], transaction);
    return task ?? null;
  }

  /** The first `per` tasks of each lead or deal, in the list's order: an index scan for each. */
  latestFor(
    parent: TaskParent,
    companyId: string,
    ids: readonly string[],
    per: number,
    fields: readonly string[] | null = null,
  ): Promise<TaskRecord[]> {
    return this.list.latestFor(parent, companyId, ids, per, TASK_ORDER, fields);
  }

  async create(values: NewTask, transaction: Transaction): Promise<TaskRecord> {
    const [task] = await this.sql.rows<TaskRecord>(
      ...insertRow('tasks', values, TASK_RECORD_COLUMNS),
      transaction,
    );
    return task;
  }

  /** The task after the change. */
  async save(
    task: Pick<TaskRecord, 'id' | 'companyId'>,
    changes: TaskChanges,
    transaction: Transaction,
  ): Promise<TaskRecord> {
    const [saved] = await this.sql.rows<TaskRecord>(
      ...updateRow('tasks', task, changes, TASK_RECORD_COLUMNS),
      transaction,
    );
    return saved;
  }

  /** For good (purgeTask); removing is a save of deletedAt. */
  async purge(task: Pick<TaskRecord, 'id' | 'companyId'>, transaction: Transaction) {
    await this.sql.rows(
      prepared('DELETE FROM tasks WHERE id = $1 AND company_id = $2'),
      [task.id, task.companyId],
      transaction,
    );
  }

  /** See CLAIM_DUE. */
  claimDue(limit: number, transaction: Transaction): Promise<DueTask[]> {
    return this.sql.rows<DueTask>(CLAIM_DUE, [limit], transaction);
  }
}
