import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { TaskStatus } from '../task-status.enum.js';
import { IsOmittable } from '../../common/validation/decorators.js';
import { TaskValidation as V } from './task-fields.js';

/** Partial: an absent field is left as it is; null clears an optional one. */
@InputType()
export class UpdateTaskInput {
  @Field(() => ID)
  @V.id('id')
  id!: string;

  @Field({ nullable: true })
  @IsOmittable()
  @V.title()
  title?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @V.description()
  description?: string | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @V.dueAt()
  dueAt?: Date | null;

  @Field(() => TaskStatus, {
    nullable: true,
    description: 'DONE completes it (as completeTask), OPEN reopens it.',
  })
  @IsOmittable()
  @IsEnum(TaskStatus)
  status?: TaskStatus;

  @Field(() => ID, { nullable: true, description: 'MANAGER/ADMIN: another user, or null.' })
  @IsOptional()
  @V.id('assignedToId')
  assignedToId?: string | null;
}
