import { Field, InputType } from '@nestjs/graphql';
import { IdField } from '../../common/graphql/id-field.decorators.js';
import { IsDate, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsDateBetween } from '../../common/validation/decorators.js';
import { InteractionKind } from '../interaction-kind.enum.js';

export const EARLIEST_INTERACTION = new Date('1990-01-01T00:00:00Z');
export const FUTURE_SLACK_MS = 5 * 60_000;

@InputType({ description: 'A call, email or meeting with a lead, to log.' })
export class CreateInteractionInput {
  @Field(() => InteractionKind, { description: 'What kind of contact it was.' })
  @IsEnum(InteractionKind)
  type!: InteractionKind;

  @Field({
    description: 'When it took place: not before 1990-01-01, not more than 5 minutes ahead.',
  })
  @IsDate()
  @IsDateBetween(EARLIEST_INTERACTION, FUTURE_SLACK_MS)
  date!: Date;

  @Field(() => String, { nullable: true, description: 'Up to 10 000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  notes?: string | null;

  @IdField('A live lead of your company that you may change.')
  leadId!: string;
}
