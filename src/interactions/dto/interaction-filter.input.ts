import { Field, InputType } from '@nestjs/graphql';
import { OptionalIdField } from '../../common/graphql/id-field.decorators.js';
import { ArrayMaxSize, IsDate, IsEnum, IsOptional } from 'class-validator';
import { InteractionKind } from '../interaction-kind.enum.js';

@InputType({ description: 'Narrows an interactions list; every field given must match.' })
export class InteractionFilter {
  @OptionalIdField('Interactions with this lead.')
  leadId?: string;

  @Field(() => [InteractionKind], { nullable: true, description: 'Any of these kinds.' })
  @IsOptional()
  @ArrayMaxSize(3)
  @IsEnum(InteractionKind, { each: true })
  type?: InteractionKind[];

  @OptionalIdField('Interactions this user logged.')
  createdById?: string;

  @Field({ nullable: true, description: 'Took place at or after.' })
  @IsOptional()
  @IsDate()
  dateFrom?: Date;

  @Field({ nullable: true, description: 'Took place before.' })
  @IsOptional()
  @IsDate()
  dateTo?: Date;
}
