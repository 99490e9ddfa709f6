import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { actorOf, systemCaller, userIdOf, type AuthContext } from '../auth/auth-context.js';
import { Action, authorize, authorizeRecordChange } from '../auth/permissions.js';
import { NotFoundException } from '../common/errors/app.exception.js';
import { created, definedOnly, diff, isEmpty } from '../common/events/diff.js';
import { DomainEvents } from '../common/events/domain-events.js';
import type { FieldChanges } from '../common/events/event-payload.js';
import type { Page } from '../common/pagination/page.js';
import { Listing } from '../common/records/listing.js';
import { groupBy } from '../common/collections/group-by.js';
import { Transactions } from '../database/transactions.js';
import { DealAccess } from '../deals/deal-access.js';
import { LeadAccess } from '../leads/lead-access.js';
import { Assignments } from '../users/assignments.js';
import type { CreateTaskInput } from './dto/create-task.input.js';
import type { TaskFilter } from './dto/task-filter.input.js';
import type { TasksArgs } from './dto/tasks.args.js';
import type { UpdateTaskInput } from './dto/update-task.input.js';
import type { TaskRecord } from './task.record.js';
import { TaskStatus } from './task-status.enum.js';
import { TaskEvents, type TaskFields } from './tasks.events.js';
import { TASK_ORDER, TasksRepository, type TaskChanges } from './tasks.repository.js';

type TaskEventName = (typeof TaskEvents)[keyof typeof TaskEvents];

function fieldsOf(task: TaskRecord): TaskFields {
  return {
    title: task.title,
    description: task.description,
    dueAt: task.dueAt?.toISOString() ?? null,
    status: task.status,
    completedAt: task.completedAt?.toISOString() ?? null,
    assignedToId: task.assignedToId,
    leadId: task.leadId,
    dealId: task.dealId,
    deletedAt: task.deletedAt?.toISOString() ?? null,
  };
}

/**
 * Tasks follow the record rules: every role reads the company's tasks, a SALES_REP changes only
 * the tasks assigned to them and gives none away, MANAGER and ADMIN change any (Assignments).
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly leads: LeadAccess,
    private readonly deals: DealAccess,
    private readonly assignments: Assignments,
    private readonly transactions: Transactions,
    private readonly events: DomainEvents,
  ) {}

  /** The tasks list: what the caller may read (readableFilter), a page, its count. */
  private readonly list = new Listing(this.tasks.list, {
    readable: readableFilter,
    defaultOrder: () => TASK_ORDER,
  });

  page(auth: AuthContext, args: TasksArgs): Promise<Page<TaskRecord>> {
    return this.list.page(auth, args);
  }

  count(auth: AuthContext, filter?: TaskFilter | null): Promise<number> {
    return this.list.count(auth, filter);
  }

  /** A live task of the caller's company, or null: a removed one, or another company's, is missing. */
  findOne(auth: AuthContext, id: string): Promise<TaskRecord | null> {
    authorize(auth, Action.ReadRecords);
    return this.tasks.findLive(auth.companyId, id);
  }

  async create(auth: AuthContext, input: CreateTaskInput): Promise<TaskRecord> {
    authorize(auth, Action.CreateRecords);
    const assignedToId = await this.assignments.forNew(auth, input.assignedToId, 'tasks');
    return this.transactions.run(async (transaction) => {
      await this.requireRecords(auth, input, transaction);
      const task = await this.tasks.create(
        {
          companyId: auth.companyId,
          title: input.title,
          description: input.description ?? null,
          dueAt: input.dueAt ?? null,
          assignedToId,
          createdById: userIdOf(auth),
          leadId: input.leadId ?? null,
          dealId: input.dealId ?? null,
        },
        transaction,
      );
      await this.publish(auth, TaskEvents.Created, task, created(fieldsOf(task)), transaction);
      return task;
    });
  }

  async update(auth: AuthContext, input: UpdateTaskInput): Promise<TaskRecord> {
    return this.transactions.run(async (transaction) => {
      const task = await this.changeable(auth, input.id, transaction);
      const { id: _, ...given } = input;
      const wanted = definedOnly(given);
      if (wanted.assignedToId !== undefined && wanted.assignedToId !== task.assignedToId)
        await this.assignments.checkReassignment(auth, wanted.assignedToId, 'tasks');
      const values: TaskChanges = { ...wanted, ...statusChange(task, wanted.status) };
      // A new due time is a new reminder: the due-time pass tells the assignee about it again.
      if (wanted.dueAt !== undefined && !sameInstant(wanted.dueAt, task.dueAt))
        values.dueNotifiedAt = null;
      const changes = diff<TaskFields>(fieldsOf(task), fieldsOf({ ...task, ...values }));
      if (isEmpty(changes)) return task;
      const saved = await this.tasks.save(task, values, transaction);
      await this.publish(auth, TaskEvents.Updated, saved, changes, transaction);
      if (changes.status && saved.status === TaskStatus.DONE)
        await this.publish(
          auth,
          TaskEvents.Completed,
          saved,
          { status: changes.status },
          transaction,
        );
      return saved;
    });
  }

  /** DONE now; a task already DONE is returned as it is. */
  complete(auth: AuthContext, id: string): Promise<TaskRecord> {
    return this.update(auth, { id, status: TaskStatus.DONE });
  }

  /**
   * Soft delete, by whoever may change the task: hidden from every list, lead.tasks, deal.tasks
   * and the due-time pass until a MANAGER/ADMIN restores it. Only purge deletes it for good.
   */
  async remove(auth: AuthContext, id: string): Promise<boolean> {
    return this.transactions.run(async (transaction) => {
      const task = await this.changeable(auth, id, transaction);
      const deletedAt = new Date();
      const saved = await this.tasks.save(task, { deletedAt }, transaction);
      const changes = { deletedAt: { from: null, to: deletedAt.toISOString() } };
      await this.publish(auth, TaskEvents.Removed, saved, changes, transaction);
      return true;
    });
  }

  /** MANAGER/ADMIN (as for leads and deals): a removed task comes back as it was. */
  async restore(auth: AuthContext, id: string): Promise<TaskRecord> {
    authorize(auth, Action.ReadDeletedRecords);
    return this.transactions.run(async (transaction) => {
      const task = await this.tasks.findAny(auth.companyId, id, transaction);
      if (!task) throw new NotFoundException('Task', id);
      if (!task.deletedAt) return task;
      const saved = await this.tasks.save(task, { deletedAt: null }, transaction);
      const changes = { deletedAt: { from: task.deletedAt.toISOString(), to: null } };
      await this.publish(auth, TaskEvents.Restored, saved, changes, transaction);
      return saved;
    });
  }

  /** ADMIN: delete a task, live or removed, for good (its notifications lose the reference). */
  async purge(auth: AuthContext, id: string): Promise<boolean> {
    authorize(auth, Action.PurgeRecords);
    return this.transactions.run(async (transaction) => {
      const task = await this.tasks.findAny(auth.companyId, id, transaction);
      if (!task) throw new NotFoundException('Task', id);
      await this.tasks.purge(task, transaction);
      const changes = { title: { from: task.title, to: null } };
      await this.publish(auth, TaskEvents.Purged, task, changes, transaction);
      return true;
    });
  }

  /**
   * Claims the tasks whose due time has passed and publishes one task.due per company, in the
   * claim's transaction: a task is announced once, and only if the claim commits.
   */
  async announceDue(limit: number): Promise<number> {
    return this.transactions.run(async (transaction) => {
      const due = await this.tasks.claimDue(limit, transaction);
      for (const [companyId, tasks] of groupBy(due, (task) => task.companyId))
        await this.events.publish(
          TaskEvents.Due,
          {
            entity: 'Task',
            records: tasks.map((task) => ({
              id: task.id,
              assignedToId: task.assignedToId,
              createdById: task.createdById,
              leadId: task.leadId,
              dealId: task.dealId,
              changes: { title: { from: null, to: task.title } },
            })),
          },
          { actor: actorOf(systemCaller(companyId, 'task-due')), transaction },
        );
      return due.length;
    });
  }

  /** What a task is about must be a live lead or deal the caller can read. */
  private async requireRecords(
    auth: AuthContext,
    input: Pick<CreateTaskInput, 'leadId' | 'dealId'>,
    transaction: Transaction,
  ): Promise<void> {
    if (input.leadId) await this.leads.requireReadable(auth, input.leadId, transaction);
    if (input.dealId) await this.deals.requireReadable(auth, input.dealId);
  }

  private async changeable(
    auth: AuthContext,
    id: string,
    transaction: Transaction,
  ): Promise<TaskRecord> {
    authorize(auth, Action.ReadRecords);
    const task = await this.tasks.findLive(auth.companyId, id, transaction);
    if (!task) throw new NotFoundException('Task', id);
    authorizeRecordChange(auth, task.assignedToId);
    return task;
  }

  private async publish(
    auth: AuthContext,
    name: TaskEventName,
    task: TaskRecord,
    changes: FieldChanges<TaskFields>,
    transaction: Transaction,
  ): Promise<void> {
    await this.events.publish(
      name,
      {
        entity: 'Task',
        records: [
          {
            id: task.id,
            assignedToId: task.assignedToId,
            createdById: task.createdById,
            leadId: task.leadId,
            dealId: task.dealId,
            changes,
          },
        ],
      },
      { actor: actorOf(auth), transaction },
    );
  }
}

/** `filter: null` from a client means no filter; removed tasks only for MANAGER/ADMIN. */
function readableFilter(auth: AuthContext, filter?: TaskFilter | null): TaskFilter {
  authorize(auth, Action.ReadRecords);
  if (filter?.includeDeleted) authorize(auth, Action.ReadDeletedRecords);
  return filter ?? {};
}

/** DONE stamps completedAt (kept while it stays DONE); OPEN clears it. */
function statusChange(
  task: TaskRecord,
  status: TaskStatus | undefined,
): Pick<TaskChanges, 'status' | 'completedAt'> {
  if (status === undefined || status === task.status) return {};
  return { status, completedAt: status === TaskStatus.DONE ? new Date() : null };
}

function sameInstant(a: Date | null, b: Date | null): boolean {
  return (a?.getTime() ?? null) === (b?.getTime() ?? null);
}
