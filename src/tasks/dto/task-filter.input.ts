import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { TaskStatus } from '../task-status.enum.js';
import { TaskValidation as V } from './task-fields.js';

@InputType({ description: 'Narrows a tasks list; every field given must match.' })
export class TaskFilter {
  @Field(() => TaskStatus, { nullable: true, description: 'Only tasks in this status.' })
  @IsOptional()
  @IsEnum(TaskStatus)
  status?: TaskStatus;

  @Field(() => ID, { nullable: true, description: 'Tasks assigned to this user.' })
  @IsOptional()
  @V.id('assignedToId')
  assignedToId?: string;

  @Field(() => ID, { nullable: true, description: 'Tasks about this lead.' })
  @IsOptional()
  @V.id('leadId')
  leadId?: string;

  @Field(() => ID, { nullable: true, description: 'Tasks about this deal.' })
  @IsOptional()
  @V.id('dealId')
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
