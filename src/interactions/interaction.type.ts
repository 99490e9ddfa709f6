import { Field, ID, ObjectType } from '@nestjs/graphql';
import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import { InteractionKind } from './interaction-kind.enum.js';
import type { InteractionRecord } from './interaction.model.js';

@ObjectType('Interaction')
export class InteractionType {
  @Field(() => ID)
  id!: string;

  @Field(() => InteractionKind)
  type!: InteractionKind;

  @Field({ description: 'When the call, email or meeting took place.' })
  date!: Date;

  // Up to 10 000 characters: weighed as five values, so a query cannot ask for millions of them.
  @Field(() => String, { nullable: true })
  @MaxChars(10_000)
  notes!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  /** Not fields: resolve `lead` and `createdBy`. */
  leadId!: string;
  createdById!: string | null;

  static from(interaction: InteractionRecord): InteractionType {
    return Object.assign(new InteractionType(), {
      id: interaction.id,
      type: interaction.type,
      date: interaction.date,
      notes: interaction.notes,
      createdAt: interaction.createdAt,
      updatedAt: interaction.updatedAt,
      leadId: interaction.leadId,
      createdById: interaction.createdById,
    });
  }
}
