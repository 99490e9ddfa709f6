import { Field, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { graphqlEnum, type EnumValue } from '../../common/graphql/graphql-enum.js';
import { SortDirection } from '../../common/graphql/sort-direction.enum.js';

export const DealOrderField = graphqlEnum('DealOrderField', 'What a deals list is sorted by.', {
  CREATED_AT: 'When created.',
  UPDATED_AT: 'When last changed.',
  VALUE: 'The amount, currencies not converted; deals without one sort below all.',
  LEAD_SCORE: 'leadScore.',
  EXPECTED_CLOSE_DATE: 'expectedCloseDate; deals without one sort after all.',
});
export type DealOrderField = EnumValue<typeof DealOrderField>;

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
