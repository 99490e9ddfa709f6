import { Field, ID, ObjectType } from '@nestjs/graphql';
import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import { TaskStatus } from './task-status.enum.js';
import type { TaskRecord } from './task.record.js';

@ObjectType('Task', {
  description:
    'A to-do for a user, optionally about a lead and/or a deal. Every role reads the company’s live tasks; removed ones only MANAGER/ADMIN.',
})
export class TaskType {
  @Field(() => ID, { description: 'The task’s id.' })
  id!: string;

  @Field({ description: 'What is to be done.' })
  @MaxChars(200)
  title!: string;

  @Field(() => String, { nullable: true, description: 'Free text, up to 10 000 characters.' })
  @MaxChars(10_000)
  description!: string | null;

  @Field(() => Date, {
    nullable: true,
    description:
      'When it is due; null when undated. Its assignee is told once it passes (task_due).',
  })
  dueAt!: Date | null;

  @Field(() => TaskStatus, { description: 'OPEN or DONE.' })
  status!: TaskStatus;

  @Field(() => Date, { nullable: true, description: 'When it was completed; null while OPEN.' })
  completedAt!: Date | null;

  @Field({ description: 'When it was created.' })
  createdAt!: Date;

  @Field({ description: 'When it was last changed.' })
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
