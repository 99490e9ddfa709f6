import { Field, InputType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { TaskValidation as V } from './task-fields.js';
import { OptionalIdField } from '../../common/graphql/id-field.decorators.js';

@InputType({ description: 'A new task, OPEN.' })
export class CreateTaskInput {
  @Field({ description: '1 to 200 characters, trimmed.' })
  @V.title()
  title!: string;

  @Field(() => String, { nullable: true, description: 'Up to 10 000 characters.' })
  @IsOptional()
  @V.description()
  description?: string | null;

  @Field(() => Date, { nullable: true, description: 'When it is due; omit for an undated task.' })
  @IsOptional()
  @V.dueAt()
  dueAt?: Date | null;

  @OptionalIdField(
    'Default: yourself. A SALES_REP’s tasks are their own; others pick any colleague.',
  )
  assignedToId?: string | null;

  @OptionalIdField('The lead it is about: a live lead you can read.')
  leadId?: string | null;

  @OptionalIdField('The deal it is about: a live deal you can read.')
  dealId?: string | null;
}
