import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { SortDirection } from '../../common/graphql/sort-direction.enum.js';

export enum LeadOrderField {
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  LAST_NAME = 'LAST_NAME',
  EMAIL = 'EMAIL',
  BUDGET = 'BUDGET',
  STATUS = 'STATUS',
  /** lead_scores_by_score; a new lead scores 0. */
  ACTIVITY_SCORE = 'ACTIVITY_SCORE',
}

registerEnumType(LeadOrderField, {
  name: 'LeadOrderField',
  description: 'What a leads list is sorted by.',
  valuesMap: {
    CREATED_AT: { description: 'When created.' },
    UPDATED_AT: { description: 'When last changed.' },
    LAST_NAME: { description: 'Last name.' },
    EMAIL: { description: 'Email, ignoring case.' },
    BUDGET: { description: 'Budget; leads without one sort below every budget.' },
    STATUS: { description: 'Status by name (A to Z), then creation time.' },
    ACTIVITY_SCORE: { description: 'activityScore; a new lead scores 0.' },
  },
});

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
