import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DecimalScalar } from '../common/graphql/decimal.scalar.js';
import { DealPriority, DealStage } from './deal-enums.js';
import type { DealRecord } from './deal.record.js';

@ObjectType('Deal')
export class DealType {
  @Field(() => ID)
  id!: string;

  @Field()
  @MaxChars(200)
  title!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Exact, e.g. "1250.50".' })
  value!: string | null;

  @Field({ description: 'ISO 4217; the company’s unless given.' })
  @MaxChars(3)
  currency!: string;

  @Field(() => DealStage)
  stage!: DealStage;

  @Field(() => DealPriority)
  priority!: DealPriority;

  @Field(() => Int, {
    description:
      '0–100 from value, stage, priority and lead source (README, “Scoring”), on every write.',
  })
  leadScore!: number;

  @Field(() => String, { nullable: true })
  @MaxChars(100)
  leadSource!: string | null;

  @Field(() => String, { nullable: true, description: 'A calendar day, YYYY-MM-DD.' })
  @MaxChars(10)
  expectedCloseDate!: string | null;

  @Field(() => Date, { nullable: true, description: 'When it entered a closed stage.' })
  closedAt!: Date | null;

  @Field(() => String, { nullable: true })
  @MaxChars(10_000)
  notes!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Date, { nullable: true })
  deletedAt!: Date | null;

  /** Not fields: `lead`, `assignedTo` and `createdBy` resolve from them. */
  leadId!: string | null;
  assignedToId!: string | null;
  createdById!: string | null;

  static from(deal: DealRecord): DealType {
    const { companyId: _, ...fields } = deal;
    return Object.assign(new DealType(), fields);
  }
}
