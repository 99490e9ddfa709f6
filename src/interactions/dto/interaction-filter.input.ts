import { Field, InputType } from '@nestjs/graphql';
import { OptionalIdField } from '../../common/graphql/id-field.decorators.js';
import { ArrayMaxSize, IsDate, IsEnum, IsOptional } from 'class-validator';
import { InteractionKind } from '../interaction-kind.enum.js';

@InputType()
export class InteractionFilter {
  @OptionalIdField()
  leadId?: string;

  @Field(() => [InteractionKind], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(3)
  @IsEnum(InteractionKind, { each: true })
  type?: InteractionKind[];

  @OptionalIdField()
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
