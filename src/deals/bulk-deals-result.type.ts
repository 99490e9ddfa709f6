import { PartOfRootAnswer } from '../common/graphql/field-access.js';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

/** Why a deal named in a bulk operation was left as it was. */
export enum BulkSkipReason {
  /** Not a live deal of your company (never there, removed, or another company's). */
  NOT_FOUND = 'NOT_FOUND',
  /** A SALES_REP's bulk operations reach only the deals assigned to them. */
  NOT_ASSIGNED = 'NOT_ASSIGNED',
  /** It already had every value the update gives. */
  UNCHANGED = 'UNCHANGED',
}
registerEnumType(BulkSkipReason, {
  name: 'BulkSkipReason',
  description: 'Why a deal named in a bulk operation was left as it was.',
  valuesMap: {
    NOT_FOUND: {
      description: 'Not a live deal of your company (never there, removed, or another company’s).',
    },
    NOT_ASSIGNED: { description: 'A SALES_REP reaches only the deals assigned to them.' },
    UNCHANGED: { description: 'It already had every value the update gives.' },
  },
});

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
