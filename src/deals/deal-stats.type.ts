import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { DecimalScalar } from '../common/graphql/decimal.scalar.js';
import { ListSize, MaxChars } from '../common/graphql/query-cost.decorators.js';
import { DealStage } from './deal-enums.js';

/** What a list of other currencies counts for in a query's cost: a company deals in a few. */
const OTHER_CURRENCIES_COST = 10;

@ObjectType('CurrencyTotal')
export class CurrencyTotalType {
  @Field()
  @MaxChars(3)
  currency!: string;

  @Field(() => DecimalScalar)
  totalValue!: string;
}

@ObjectType('PipelineStageStats')
export class PipelineStageStatsType {
  @Field(() => DealStage)
  stage!: DealStage;

  @Field(() => Int)
  count!: number;

  @Field(() => DecimalScalar, {
    description: 'The values of its deals in the company’s currency; "0.00" when none.',
  })
  totalValue!: string;

  @Field(() => Float, { description: 'Over all its deals; 0 when it has none.' })
  avgLeadScore!: number;

  @Field(() => [CurrencyTotalType], {
    description: 'Deals in other currencies, summed per currency (never converted).',
  })
  @ListSize(OTHER_CURRENCIES_COST)
  otherCurrencies!: CurrencyTotalType[];
}

@ObjectType('MyCurrencyTotals')
export class MyCurrencyTotalsType extends CurrencyTotalType {
  @Field(() => DecimalScalar)
  wonValue!: string;
}

@ObjectType('MyDealsStats')
export class MyDealsStatsType {
  @Field(() => Int, { description: 'Deals assigned to you in an open stage.' })
  open!: number;

  @Field(() => Int)
  won!: number;

  @Field(() => Int)
  lost!: number;

  @Field(() => DecimalScalar, {
    description: 'All your deals’ values (open and closed) in the company’s currency.',
  })
  totalValue!: string;

  @Field(() => DecimalScalar, { description: 'Your won deals’ values in the company’s currency.' })
  wonValue!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'won / (won + lost), 0–1; null while none has closed.',
  })
  winRate!: number | null;

  @Field({ description: 'The company’s currency, which totalValue and wonValue are in.' })
  @MaxChars(3)
  currency!: string;

  @Field(() => [MyCurrencyTotalsType], { description: 'Deals in other currencies, apart.' })
  @ListSize(OTHER_CURRENCIES_COST)
  otherCurrencies!: MyCurrencyTotalsType[];
}
