import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsDate, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { InteractionKind } from '../interaction-kind.enum.js';

@InputType()
export class InteractionFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'leadId must be a UUID' })
  leadId?: string;

  @Field(() => [InteractionKind], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(3)
  @IsEnum(InteractionKind, { each: true })
  type?: InteractionKind[];

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'createdById must be a UUID' })
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
