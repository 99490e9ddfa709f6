import { Field, InputType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { SortDirection } from '../../common/graphql/sort-direction.enum.js';

export enum DealOrderField {
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
  /** Deals without a value sort below every value. */
  VALUE = 'VALUE',
  LEAD_SCORE = 'LEAD_SCORE',
  /** Deals without a date sort after every date. */
  EXPECTED_CLOSE_DATE = 'EXPECTED_CLOSE_DATE',
}

registerEnumType(DealOrderField, { name: 'DealOrderField' });

/** Ties are broken by id, so pages never skip or repeat a deal. */
@InputType()
export class DealOrder {
  @Field(() => DealOrderField, { defaultValue: DealOrderField.CREATED_AT })
  @IsOptional()
  @IsEnum(DealOrderField)
  field: DealOrderField = DealOrderField.CREATED_AT;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC })
  @IsOptional()
  @IsEnum(SortDirection)
  direction: SortDirection = SortDirection.DESC;
}
