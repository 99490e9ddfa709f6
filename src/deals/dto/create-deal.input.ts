import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { DecimalScalar } from '../../common/graphql/decimal.scalar.js';
import { DealPriority, DealStage } from '../deal-enums.js';
import { DealValidation as V } from './deal-fields.js';

@InputType()
export class CreateDealInput {
  @Field()
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

  @Field(() => DealStage, { nullable: true, defaultValue: DealStage.LEAD })
  @IsOptional()
  @V.stage()
  stage?: DealStage;

  @Field(() => DealPriority, { nullable: true, defaultValue: DealPriority.MEDIUM })
  @IsOptional()
  @V.priority()
  priority?: DealPriority;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @V.leadSource()
  leadSource?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  @IsOptional()
  @V.expectedCloseDate()
  expectedCloseDate?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @V.notes()
  notes?: string | null;

  @Field(() => ID, { nullable: true, description: 'A live lead of your company: the contact.' })
  @IsOptional()
  @V.id('leadId')
  leadId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'An active user of your company; a SALES_REP’s new deals are theirs.',
  })
  @IsOptional()
  @V.id('assignedToId')
  assignedToId?: string | null;
}
