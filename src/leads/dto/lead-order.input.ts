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

registerEnumType(LeadOrderField, { name: 'LeadOrderField' });

/** Ties are broken by id, so pages never skip or repeat a lead. */
@InputType()
export class LeadOrder {
  @Field(() => LeadOrderField, { defaultValue: LeadOrderField.CREATED_AT })
  @IsOptional()
  @IsEnum(LeadOrderField)
  field: LeadOrderField = LeadOrderField.CREATED_AT;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  @IsOptional()
  @IsEnum(SortDirection)
  direction: SortDirection = SortDirection.DESC;
}
