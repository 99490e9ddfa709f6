import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { DecimalScalar } from '../../common/graphql/decimal.scalar.js';
import { IsOmittable } from '../../common/validation/decorators.js';
import { DealPriority, DealStage } from '../deal-enums.js';
import { DealValidation as V } from './deal-fields.js';

/** Partial: an absent field is left as it is; null clears an optional one. */
@InputType()
export class UpdateDealInput {
  @Field(() => ID)
  @V.id('id')
  id!: string;

  @Field({ nullable: true })
  @IsOmittable()
  @V.title()
  title?: string;

  @Field(() => DecimalScalar, { nullable: true })
  @IsOptional()
  @V.value()
  value?: string | null;

  @Field(() => String, { nullable: true })
  @IsOmittable()
  @V.currency()
  currency?: string;

  @Field(() => DealStage, { nullable: true })
  @IsOmittable()
  @V.stage()
  stage?: DealStage;

  @Field(() => DealPriority, { nullable: true })
  @IsOmittable()
  @V.priority()
  priority?: DealPriority;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @V.leadSource()
  leadSource?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @V.expectedCloseDate()
  expectedCloseDate?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @V.notes()
  notes?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @V.id('leadId')
  leadId?: string | null;

  @Field(() => ID, { nullable: true, description: 'MANAGER/ADMIN: another user, or null.' })
  @IsOptional()
  @V.id('assignedToId')
  assignedToId?: string | null;
}
