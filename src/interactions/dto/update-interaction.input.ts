import { Field, InputType } from '@nestjs/graphql';
import { IdField } from '../../common/graphql/id-field.decorators.js';
import { IsDate, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsDateBetween, IsOmittable } from '../../common/validation/decorators.js';
import { InteractionKind } from '../interaction-kind.enum.js';
import { EARLIEST_INTERACTION, FUTURE_SLACK_MS } from './create-interaction.input.js';

/** Partial; the lead an interaction belongs to cannot change. */
@InputType({
  description:
    'Changes to an interaction: an absent field is left as it is; its lead cannot change.',
})
export class UpdateInteractionInput {
  @IdField('The interaction to change.')
  id!: string;

  @Field(() => InteractionKind, { nullable: true, description: 'A new kind.' })
  @IsOmittable()
  @IsEnum(InteractionKind)
  type?: InteractionKind;

  @Field({
    nullable: true,
    description: 'A new time: not before 1990-01-01, not more than 5 minutes ahead.',
  })
  @IsOmittable()
  @IsDate()
  @IsDateBetween(EARLIEST_INTERACTION, FUTURE_SLACK_MS)
  date?: Date;

  @Field(() => String, {
    nullable: true,
    description: 'Up to 10 000 characters; null clears them.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  notes?: string | null;
}
