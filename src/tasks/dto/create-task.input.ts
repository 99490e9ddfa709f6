import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { TaskValidation as V } from './task-fields.js';

@InputType()
export class CreateTaskInput {
  @Field()
  @V.title()
  title!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @V.description()
  description?: string | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @V.dueAt()
  dueAt?: Date | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Default: yourself. A SALES_REP’s tasks are their own; others pick any colleague.',
  })
  @IsOptional()
  @V.id('assignedToId')
  assignedToId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A live lead of your company.' })
  @IsOptional()
  @V.id('leadId')
  leadId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A live deal of your company.' })
  @IsOptional()
  @V.id('dealId')
  dealId?: string | null;
}
