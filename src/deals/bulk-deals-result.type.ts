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
registerEnumType(BulkSkipReason, { name: 'BulkSkipReason' });

@ObjectType('SkippedDeal')
export class SkippedDealType {
  @Field(() => ID)
  id!: string;

  @Field(() => BulkSkipReason)
  reason!: BulkSkipReason;
}

@ObjectType('BulkDealsResult')
export class BulkDealsResultType {
  @Field(() => Int, { description: 'Deals changed.' })
  count!: number;

  @PartOfRootAnswer()
  @Field(() => [SkippedDealType], { description: 'Every other id given, in the order given.' })
  skipped!: SkippedDealType[];
}
