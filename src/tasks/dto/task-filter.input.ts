import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { TaskStatus } from '../task-status.enum.js';
import { TaskValidation as V } from './task-fields.js';
import { OptionalIdField } from '../../common/graphql/id-field.decorators.js';

@InputType({ description: 'Narrows a tasks list; every field given must match.' })
export class TaskFilter {
  @Field(() => TaskStatus, { nullable: true, description: 'Only tasks in this status.' })
  @IsOptional()
  @IsEnum(TaskStatus)
  status?: TaskStatus;

  @OptionalIdField('Tasks assigned to this user.')
  assignedToId?: string;

  @OptionalIdField('Tasks about this lead.')
  leadId?: string;

  @OptionalIdField('Tasks about this deal.')
  dealId?: string;

  @Field(() => Date, { nullable: true, description: 'Due before this instant.' })
  @IsOptional()
  @V.dueAt()
  dueBefore?: Date;

  @Field({ nullable: true, description: 'MANAGER/ADMIN: include removed tasks.' })
  @IsOptional()
  @IsBoolean()
  includeDeleted?: boolean;
}
