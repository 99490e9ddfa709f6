import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { DecimalScalar } from '../common/graphql/decimal.scalar.js';
import { ListSize, MaxChars } from '../common/graphql/query-cost.decorators.js';
import { DealStage } from './deal-enums.js';

/** What a list of other currencies counts for in a query's cost: a company deals in a few. */
const OTHER_CURRENCIES_COST = 10;

@ObjectType('CurrencyTotal', { description: 'The summed values of deals in one currency.' })
export class CurrencyTotalType {
  @Field({ description: 'ISO 4217 code.' })
  @MaxChars(3)
  currency!: string;

  @Field(() => DecimalScalar, { description: 'The deals’ values summed, in that currency.' })
  totalValue!: string;
}

@ObjectType('PipelineStageStats', {
  description: 'One stage of the pipeline: the company’s live deals in it, counted and summed.',
})
export class PipelineStageStatsType {
  @Field(() => DealStage, { description: 'The stage.' })
  stage!: DealStage;

  @Field(() => Int, { description: 'Live deals in the stage.' })
  count!: number;

  @Field(() => DecimalScalar, {
    description: 'The values of its deals in the company’s currency; "0.00" when none.',
  })
  totalValue!: string;

  @Field(() => Float, { description: 'The mean leadScore of its deals; 0 when it has none.' })
  avgLeadScore!: number;

  @Field(() => [CurrencyTotalType], {
    description: 'Deals in other currencies, summed per currency (never converted).',
  })
  @ListSize(OTHER_CURRENCIES_COST)
  otherCurrencies!: CurrencyTotalType[];
}

@ObjectType('MyCurrencyTotals', {
  description: 'Your deals in one currency other than the company’s: all, and won.',
})
export class MyCurrencyTotalsType extends CurrencyTotalType {
  @Field(() => DecimalScalar, { description: 'Your won deals’ values in that currency.' })
  wonValue!: string;
}

@ObjectType('MyDealsStats', {
  description: 'Figures over the live deals assigned to the caller.',
})
export class MyDealsStatsType {
  @Field(() => Int, { description: 'Deals assigned to you in an open stage.' })
  open!: number;

  @Field(() => Int, { description: 'Deals assigned to you in CLOSED_WON.' })
  won!: number;

  @Field(() => Int, { description: 'Deals assigned to you in CLOSED_LOST.' })
  lost!: number;

  @Field(() => DecimalScalar, {
    description: 'All your deals’ values (open and closed) in the company’s currency.',
  })
  totalValue!: string;

  @Field(() => DecimalScalar, { description: 'Your won deals’ values in the company’s currency.' })
  wonValue!: string;

  @Field(() => Float, {
    nullable: true,
    description:
      'The share won of your closed deals, won / (won + lost), 0–1; null while none has closed.',
  })
  winRate!: number | null;

  @Field({ description: 'The company’s currency, which totalValue and wonValue are in.' })
  @MaxChars(3)
  currency!: string;

  @Field(() => [MyCurrencyTotalsType], {
    description: 'Your deals in other currencies, summed per currency (never converted).',
  })
  @ListSize(OTHER_CURRENCIES_COST)
  otherCurrencies!: MyCurrencyTotalsType[];
}
