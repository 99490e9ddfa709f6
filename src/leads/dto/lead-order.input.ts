import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { graphqlEnum, type EnumValue } from '../../common/graphql/graphql-enum.js';
import { SortDirection } from '../../common/graphql/sort-direction.enum.js';

export const LeadOrderField = graphqlEnum('LeadOrderField', 'What a leads list is sorted by.', {
  CREATED_AT: 'When created.',
  UPDATED_AT: 'When last changed.',
  LAST_NAME: 'Last name.',
  EMAIL: 'Email, ignoring case.',
  BUDGET: 'Budget; leads without one sort below every budget.',
  STATUS: 'Status by name (A to Z), then creation time.',
  ACTIVITY_SCORE: 'activityScore; a new lead scores 0.',
});
export type LeadOrderField = EnumValue<typeof LeadOrderField>;

/** Ties are broken by id, so pages never skip or repeat a lead. */
@InputType({ description: 'The order of a leads list; ties are broken by id.' })
export class LeadOrder {
  @Field(() => LeadOrderField, {
    defaultValue: LeadOrderField.CREATED_AT,
    description: 'What to sort by.',
  })
  @IsOptional()
  @IsEnum(LeadOrderField)
  field: LeadOrderField = LeadOrderField.CREATED_AT;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC, description: 'Which way.' })
  @IsOptional()
  @IsEnum(SortDirection)
  direction: SortDirection = SortDirection.DESC;
}
