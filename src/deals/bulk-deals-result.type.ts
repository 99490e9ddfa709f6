import { PartOfRootAnswer } from '../common/graphql/field-access.js';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { graphqlEnum, type EnumValue } from '../common/graphql/graphql-enum.js';

export const BulkSkipReason = graphqlEnum(
  'BulkSkipReason',
  'Why a deal named in a bulk operation was left as it was.',
  {
    NOT_FOUND: 'Not a live deal of your company (never there, removed, or another company’s).',
    NOT_ASSIGNED: 'A SALES_REP reaches only the deals assigned to them.',
    UNCHANGED: 'It already had every value the update gives.',
  },
);
export type BulkSkipReason = EnumValue<typeof BulkSkipReason>;

@ObjectType('SkippedDeal', { description: 'A deal id a bulk operation left alone, and why.' })
export class SkippedDealType {
  @Field(() => ID, { description: 'The id as given.' })
  id!: string;

  @Field(() => BulkSkipReason, { description: 'Why it was skipped.' })
  reason!: BulkSkipReason;
}

@ObjectType('BulkDealsResult', {
  description: 'What a bulk operation on deals did: how many it changed, and which it skipped.',
})
export class BulkDealsResultType {
  @Field(() => Int, { description: 'Deals changed.' })
  count!: number;

  @PartOfRootAnswer()
  @Field(() => [SkippedDealType], { description: 'Every other id given, in the order given.' })
  skipped!: SkippedDealType[];
}
