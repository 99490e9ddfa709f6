import { Field, Float, InputType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { LeadStatus } from '../lead-status.enum.js';
import { LeadValidation as V } from './lead-fields.js';
import { OptionalIdField } from '../../common/graphql/id-field.decorators.js';

@InputType({ description: 'A new lead.' })
export class CreateLeadInput {
  @Field({ description: '1 to 100 characters, trimmed.' })
  @V.name()
  firstName!: string;

  @Field({ description: '1 to 100 characters, trimmed.' })
  @V.name()
  lastName!: string;

  @Field({ description: 'Unique among the company’s live leads, ignoring case.' })
  @V.email()
  email!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Optional +, 6 to 15 digits; spaces . - ( ) allowed.',
  })
  @IsOptional()
  @V.phone()
  phone?: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'In the company’s currency: 0 … 9 999 999 999.99.',
  })
  @IsOptional()
  @V.budget()
  budget?: number | null;

  @Field(() => String, { nullable: true, description: 'Up to 200 characters, trimmed.' })
  @IsOptional()
  @V.location()
  location?: string | null;

  @Field(() => LeadStatus, {
    nullable: true,
    defaultValue: LeadStatus.NEW,
    description: 'Where it starts in the funnel.',
  })
  @IsOptional()
  @V.status()
  status?: LeadStatus;

  @OptionalIdField('A user of your company; a SALES_REP’s new leads are theirs.')
  assignedToId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where the lead came from; up to 100 characters, trimmed.',
  })
  @IsOptional()
  @V.source()
  source?: string | null;
}
