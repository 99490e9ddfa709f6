import { Field, InputType } from '@nestjs/graphql';
import { IdField } from '../../common/graphql/id-field.decorators.js';
import { IsDate, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsDateBetween, IsOmittable } from '../../common/validation/decorators.js';
import { InteractionKind } from '../interaction-kind.enum.js';
import { EARLIEST_INTERACTION, FUTURE_SLACK_MS } from './create-interaction.input.js';

/** Partial; the lead an interaction belongs to cannot change. */
@InputType()
export class UpdateInteractionInput {
  @IdField()
  id!: string;

  @Field(() => InteractionKind, { nullable: true })
  @IsOmittable()
  @IsEnum(InteractionKind)
  type?: InteractionKind;

  @Field({ nullable: true })
  @IsOmittable()
  @IsDate()
  @IsDateBetween(EARLIEST_INTERACTION, FUTURE_SLACK_MS)
  date?: Date;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  notes?: string | null;
}
