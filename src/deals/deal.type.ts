import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DecimalScalar } from '../common/graphql/decimal.scalar.js';
import { DealPriority, DealStage } from './deal-enums.js';
import type { DealRecord } from './deal.record.js';

@ObjectType('Deal', {
  description:
    'A sales opportunity in the pipeline, usually for a lead. Every role reads the company’s deals; removed ones only MANAGER/ADMIN.',
})
export class DealType {
  @Field(() => ID, { description: 'The deal’s id.' })
  id!: string;

  @Field({ description: 'What is being sold.' })
  @MaxChars(200)
  title!: string;

  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'The amount in currency, exact, e.g. "1250.50"; null when not known.',
  })
  value!: string | null;

  @Field({ description: 'ISO 4217; the company’s unless given.' })
  @MaxChars(3)
  currency!: string;

  @Field(() => DealStage, { description: 'Where it stands in the pipeline.' })
  stage!: DealStage;

  @Field(() => DealPriority, { description: 'How urgent it is.' })
  priority!: DealPriority;

  @Field(() => Int, {
    description:
      '0–100 from value, stage, priority and lead source (docs/features/scoring.md), on every write.',
  })
  leadScore!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Where the business came from (free text, e.g. referral); part of leadScore.',
  })
  @MaxChars(100)
  leadSource!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'When it is expected to close: a calendar day, YYYY-MM-DD.',
  })
  @MaxChars(10)
  expectedCloseDate!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it entered a closed stage; null while open.',
  })
  closedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Free text.' })
  @MaxChars(10_000)
  notes!: string | null;

  @Field({ description: 'When it was created.' })
  createdAt!: Date;

  @Field({ description: 'When it was last changed.' })
  updatedAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'Set while the deal is removed; only MANAGER/ADMIN see removed deals.',
  })
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
