import { Field, InputType, OmitType } from '@nestjs/graphql';
import { IsOptional } from 'class-validator';
import { CreateDealInput } from './create-deal.input.js';
import { DealValidation as V } from './deal-fields.js';

/** A deal of a lead: what is not given comes from the lead (title, value, source, assignee). */
@InputType({
  description:
    'A deal made from a lead: what is not given comes from the lead (title, value, source, assignee).',
})
export class ConvertLeadToDealInput extends OmitType(CreateDealInput, [
  'leadId',
  'title',
] as const) {
  @Field({ nullable: true, description: 'Default: the lead’s name.' })
  @IsOptional()
  @V.title()
  title?: string;
}
