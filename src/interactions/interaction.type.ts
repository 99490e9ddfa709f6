import { Field, ID, ObjectType } from '@nestjs/graphql';
import { MaxChars } from '../common/graphql/query-cost.decorators.js';
import { InteractionKind } from './interaction-kind.enum.js';
import type { InteractionRecord } from './interaction.record.js';

@ObjectType('Interaction', {
  description: 'A call, email or meeting with a lead, as logged; every role reads the company’s.',
})
export class InteractionType {
  @Field(() => ID, { description: 'The interaction’s id.' })
  id!: string;

  @Field(() => InteractionKind, { description: 'What kind of contact it was.' })
  type!: InteractionKind;

  @Field({ description: 'When the call, email or meeting took place.' })
  date!: Date;

  // Up to 10 000 characters: weighed as five values, so a query cannot ask for millions of them.
  @Field(() => String, { nullable: true, description: 'Free text, up to 10 000 characters.' })
  @MaxChars(10_000)
  notes!: string | null;

  @Field({ description: 'When it was logged.' })
  createdAt!: Date;

  @Field({ description: 'When it was last changed.' })
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
