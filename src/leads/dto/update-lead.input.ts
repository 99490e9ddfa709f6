import { Field, Float, InputType } from '@nestjs/graphql';
import { IdField } from '../../common/graphql/id-field.decorators.js';
import { IsOptional } from 'class-validator';
import { IsOmittable } from '../../common/validation/decorators.js';
import { LeadStatus } from '../lead-status.enum.js';
import { LeadValidation as V } from './lead-fields.js';

/** Partial: an absent field is left as it is; null clears an optional one. */
@InputType()
export class UpdateLeadInput {
  @IdField()
  id!: string;

  @Field({ nullable: true })
  @IsOmittable()
  @V.name()
  firstName?: string;

  @Field({ nullable: true })
  @IsOmittable()
  @V.name()
  lastName?: string;

  @Field({ nullable: true })
  @IsOmittable()
  @V.email()
  email?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @V.phone()
  phone?: string | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @V.budget()
  budget?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @V.location()
  location?: string | null;

  @Field(() => LeadStatus, { nullable: true })
  @IsOmittable()
  @V.status()
  status?: LeadStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @V.source()
  source?: string | null;
}
