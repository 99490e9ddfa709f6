import { Field, InputType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { DecimalScalar } from '../../common/graphql/decimal.scalar.js';
import { IsOmittable } from '../../common/validation/decorators.js';
import { DealPriority, DealStage } from '../deal-enums.js';
import { DealValidation as V } from './deal-fields.js';
import { IdField, OptionalIdField } from '../../common/graphql/id-field.decorators.js';

/** Partial: an absent field is left as it is; null clears an optional one. */
@InputType({
  description: 'Changes to a deal: an absent field is left as it is; null clears an optional one.',
})
export class UpdateDealInput {
  @IdField('The deal to change.')
  id!: string;

  @Field({ nullable: true, description: '1 to 200 characters; cannot be cleared.' })
  @IsOmittable()
  @V.title()
  title?: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: '0 … 999999999999.99, e.g. "1250.50"; null clears it.',
  })
  @IsOptional()
  @V.value()
  value?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 4217; cannot be cleared.' })
  @IsOmittable()
  @V.currency()
  currency?: string;

  @Field(() => DealStage, {
    nullable: true,
    description: 'A new stage; entering a closed one sets closedAt.',
  })
  @IsOmittable()
  @V.stage()
  stage?: DealStage;

  @Field(() => DealPriority, { nullable: true, description: 'A new priority.' })
  @IsOmittable()
  @V.priority()
  priority?: DealPriority;

  @Field(() => String, { nullable: true, description: 'Up to 100 characters; null clears it.' })
  @IsOptional()
  @V.leadSource()
  leadSource?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null clears it.' })
  @IsOptional()
  @V.expectedCloseDate()
  expectedCloseDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Up to 10 000 characters; null clears it.' })
  @IsOptional()
  @V.notes()
  notes?: string | null;

  @OptionalIdField(
    'A live lead of your company that you may change; null detaches the deal from its lead.',
  )
  leadId?: string | null;

  @OptionalIdField('MANAGER/ADMIN: another user, or null.')
  assignedToId?: string | null;
}
