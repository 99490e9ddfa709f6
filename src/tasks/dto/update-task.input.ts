import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { TaskStatus } from '../task-status.enum.js';
import { IsOmittable } from '../../common/validation/decorators.js';
import { TaskValidation as V } from './task-fields.js';
import { IdField, OptionalIdField } from '../../common/graphql/id-field.decorators.js';

/** Partial: an absent field is left as it is; null clears an optional one. */
@InputType({
  description: 'Changes to a task: an absent field is left as it is; null clears an optional one.',
})
export class UpdateTaskInput {
  @IdField('The task to change.')
  id!: string;

  @Field({ nullable: true, description: '1 to 200 characters; cannot be cleared.' })
  @IsOmittable()
  @V.title()
  title?: string;

  @Field(() => String, { nullable: true, description: 'Up to 10 000 characters; null clears it.' })
  @IsOptional()
  @V.description()
  description?: string | null;

  @Field(() => Date, { nullable: true, description: 'A new due time; null makes it undated.' })
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

  @OptionalIdField('MANAGER/ADMIN: another user, or null.')
  assignedToId?: string | null;
}
