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

registerEnumType(DealOrderField, {
  name: 'DealOrderField',
  description: 'What a deals list is sorted by.',
  valuesMap: {
    CREATED_AT: { description: 'When created.' },
    UPDATED_AT: { description: 'When last changed.' },
    VALUE: {
      description: 'The amount, currencies not converted; deals without one sort below all.',
    },
    LEAD_SCORE: { description: 'leadScore.' },
    EXPECTED_CLOSE_DATE: { description: 'expectedCloseDate; deals without one sort after all.' },
  },
});

/** Ties are broken by id, so pages never skip or repeat a deal. */
@InputType({ description: 'The order of a deals list; ties are broken by id.' })
export class DealOrder {
  @Field(() => DealOrderField, {
    defaultValue: DealOrderField.CREATED_AT,
    description: 'What to sort by.',
  })
  @IsOptional()
  @IsEnum(DealOrderField)
  field: DealOrderField = DealOrderField.CREATED_AT;

  @Field(() => SortDirection, { defaultValue: SortDirection.DESC, description: 'Which way.' })
  @IsOptional()
  @IsEnum(SortDirection)
  direction: SortDirection = SortDirection.DESC;
}
