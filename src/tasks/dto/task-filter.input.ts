import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { TaskStatus } from '../task-status.enum.js';
import { TaskValidation as V } from './task-fields.js';

@InputType()
export class TaskFilter {
  @Field(() => TaskStatus, { nullable: true })
  @IsOptional()
  @IsEnum(TaskStatus)
  status?: TaskStatus;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @V.id('assignedToId')
  assignedToId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @V.id('leadId')
  leadId?: string;

  @Field(() => ID, { nullable: true })
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
