import { Field, InputType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { DecimalScalar } from '../../common/graphql/decimal.scalar.js';
import { DealPriority, DealStage } from '../deal-enums.js';
import { DealValidation as V } from './deal-fields.js';
import { OptionalIdField } from '../../common/graphql/id-field.decorators.js';

@InputType({ description: 'A new deal.' })
export class CreateDealInput {
  @Field({ description: 'What is being sold; 1 to 200 characters (trimmed).' })
  @V.title()
  title!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: '0 … 999999999999.99, e.g. "1250.50".',
  })
  @IsOptional()
  @V.value()
  value?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217; default: the company’s.' })
  @IsOptional()
  @V.currency()
  currency?: string;

  @Field(() => DealStage, {
    nullable: true,
    defaultValue: DealStage.LEAD,
    description: 'Where it starts in the pipeline.',
  })
  @IsOptional()
  @V.stage()
  stage?: DealStage;

  @Field(() => DealPriority, {
    nullable: true,
    defaultValue: DealPriority.MEDIUM,
    description: 'How urgent it is.',
  })
  @IsOptional()
  @V.priority()
  priority?: DealPriority;

  @Field(() => String, {
    nullable: true,
    description: 'Where the business came from; up to 100 characters.',
  })
  @IsOptional()
  @V.leadSource()
  leadSource?: string | null;

  @Field(() => String, { nullable: true, description: 'When it is expected to close, YYYY-MM-DD.' })
  @IsOptional()
  @V.expectedCloseDate()
  expectedCloseDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Free text, up to 10 000 characters.' })
  @IsOptional()
  @V.notes()
  notes?: string | null;

  @OptionalIdField('The contact: a live lead of your company that you may change.')
  leadId?: string | null;

  @OptionalIdField('An active user of your company; a SALES_REP’s new deals are theirs.')
  assignedToId?: string | null;
}
