import { Field, Float, InputType } from '@nestjs/graphql';
import { IdField } from '../../common/graphql/id-field.decorators.js';
import { IsOptional } from 'class-validator';
import { IsOmittable } from '../../common/validation/decorators.js';
import { LeadStatus } from '../lead-status.enum.js';
import { LeadValidation as V } from './lead-fields.js';

/** Partial: an absent field is left as it is; null clears an optional one. */
@InputType({
  description: 'Changes to a lead: an absent field is left as it is; null clears an optional one.',
})
export class UpdateLeadInput {
  @IdField('The lead to change.')
  id!: string;

  @Field({ nullable: true, description: '1 to 100 characters; cannot be cleared.' })
  @IsOmittable()
  @V.name()
  firstName?: string;

  @Field({ nullable: true, description: '1 to 100 characters; cannot be cleared.' })
  @IsOmittable()
  @V.name()
  lastName?: string;

  @Field({
    nullable: true,
    description: 'Unique among the company’s live leads, ignoring case; cannot be cleared.',
  })
  @IsOmittable()
  @V.email()
  email?: string;

  @Field(() => String, {
    nullable: true,
    description: 'Optional +, 6 to 15 digits; spaces . - ( ) allowed; null clears it.',
  })
  @IsOptional()
  @V.phone()
  phone?: string | null;

  @Field(() => Float, {
    nullable: true,
    description: '0 … 9 999 999 999.99; null clears it.',
  })
  @IsOptional()
  @V.budget()
  budget?: number | null;

  @Field(() => String, { nullable: true, description: 'Up to 200 characters; null clears it.' })
  @IsOptional()
  @V.location()
  location?: string | null;

  @Field(() => LeadStatus, { nullable: true, description: 'A new status.' })
  @IsOmittable()
  @V.status()
  status?: LeadStatus;

  @Field(() => String, { nullable: true, description: 'Up to 100 characters; null clears it.' })
  @IsOptional()
  @V.source()
  source?: string | null;
}
