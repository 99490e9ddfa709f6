import { Field, ID, ObjectType } from '@nestjs/graphql';
import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import { TaskStatus } from './task-status.enum.js';
import type { TaskRecord } from './task.record.js';

@ObjectType('Task')
export class TaskType {
  @Field(() => ID)
  id!: string;

  @Field()
  @MaxChars(200)
  title!: string;

  @Field(() => String, { nullable: true })
  @MaxChars(10_000)
  description!: string | null;

  @Field(() => Date, { nullable: true })
  dueAt!: Date | null;

  @Field(() => TaskStatus)
  status!: TaskStatus;

  @Field(() => Date, { nullable: true, description: 'When it was completed (DONE).' })
  completedAt!: Date | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'Set while the task is removed; only MANAGER/ADMIN see removed tasks.',
  })
  deletedAt!: Date | null;

  /** Not fields: `assignedTo`, `createdBy`, `lead` and `deal` resolve from them. */
  assignedToId!: string | null;
  createdById!: string | null;
  leadId!: string | null;
  dealId!: string | null;

  static from(task: TaskRecord): TaskType {
    const { companyId: _, ...fields } = task;
    return Object.assign(new TaskType(), fields);
  }
}
