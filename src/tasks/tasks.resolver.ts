import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { IdArg } from '../common/graphql/id-field.decorators.js';
import { refersTo } from '../common/records/reference-fields.js';
import { RecordQueries } from '../common/records/record-queries.resolver.js';
import { dealRef } from '../deals/deal.loaders.js';
import { leadRef } from '../leads/lead.loaders.js';
import { userRef } from '../users/user.loaders.js';
import { CreateTaskInput } from './dto/create-task.input.js';
import { TasksArgs } from './dto/tasks.args.js';
import { UpdateTaskInput } from './dto/update-task.input.js';
import { TaskConnection } from './task-connection.type.js';
import { TaskType } from './task.type.js';
import { TasksService } from './tasks.service.js';

@Resolver(() => TaskType)
export class TasksResolver extends RecordQueries({
  service: TasksService,
  node: TaskType,
  connection: TaskConnection,
  args: TasksArgs,
  toNode: (task) => TaskType.from(task),
  caller: CurrentAuth,
  decorators: [Requires(Action.ReadRecords)],
  list: {
    name: 'tasks',
    description: 'A page of the company’s tasks, soonest due first, undated last.',
  },
  connectionName: 'tasksConnection',
  connectionDescription:
    'The tasks list as a cursor connection, with totalCount; same filter and order.',
  byId: {
    name: 'task',
    description: 'A task of your company, or null.',
    idDescription: 'The task’s id.',
  },
  references: {
    assignedTo: refersTo(userRef, 'assignedToId', 'Who is to do it.'),
    createdBy: refersTo(
      userRef,
      'createdById',
      'Who created it; null when an API key or the system did.',
    ),
    lead: refersTo(leadRef, 'leadId', 'The lead, while it is live.'),
    deal: refersTo(dealRef, 'dealId', 'The deal, while it is live.'),
  },
}) {
  @Requires(Action.CreateRecords)
  @Mutation(() => TaskType, {
    description: 'A new task; with leadId or dealId, of a record you can read.',
  })
  async createTask(
    @CurrentAuth() auth: AuthContext,
    @Args('createTaskInput', { description: 'The new task.' }) input: CreateTaskInput,
  ): Promise<TaskType> {
    return TaskType.from(await this.service.create(auth, input));
  }

  @Requires(Action.WriteAssignedRecord)
  @Mutation(() => TaskType, { description: 'Partial; a SALES_REP changes only their own tasks.' })
  async updateTask(
    @CurrentAuth() auth: AuthContext,
    @Args('updateTaskInput', { description: 'The task and the fields to change.' })
    input: UpdateTaskInput,
  ): Promise<TaskType> {
    return TaskType.from(await this.service.update(auth, input));
  }

  @Requires(Action.WriteAssignedRecord)
  @Mutation(() => TaskType, {
    description: 'DONE now; its creator and assignee are told (task_completed).',
  })
  async completeTask(
    @CurrentAuth() auth: AuthContext,
    @IdArg('id', 'The task’s id.') id: string,
  ): Promise<TaskType> {
    return TaskType.from(await this.service.complete(auth, id));
  }

  @Requires(Action.WriteAssignedRecord)
  @Mutation(() => Boolean, {
    description:
      'Soft delete (whoever may change the task): hidden everywhere until restoreTask; MANAGER/ADMIN can restore it.',
  })
  removeTask(
    @CurrentAuth() auth: AuthContext,
    @IdArg('id', 'The task’s id.') id: string,
  ): Promise<boolean> {
    return this.service.remove(auth, id);
  }

  @Requires(Action.ReadDeletedRecords)
  @Mutation(() => TaskType, { description: 'MANAGER/ADMIN: bring a removed task back.' })
  async restoreTask(
    @CurrentAuth() auth: AuthContext,
    @IdArg('id', 'The task’s id.') id: string,
  ): Promise<TaskType> {
    return TaskType.from(await this.service.restore(auth, id));
  }

  @Requires(Action.PurgeRecords)
  @Mutation(() => Boolean, { description: 'ADMIN: delete a task (live or removed) for good.' })
  purgeTask(
    @CurrentAuth() auth: AuthContext,
    @IdArg('id', 'The task’s id.') id: string,
  ): Promise<boolean> {
    return this.service.purge(auth, id);
  }
}
