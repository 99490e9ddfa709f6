import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { PageArgs } from '../../common/graphql/page.args.js';
import { InteractionFilter } from './interaction-filter.input.js';

/** Newest first (by date, then id). */
@ArgsType()
export class InteractionsArgs extends PageArgs {
  @Field(() => InteractionFilter, { nullable: true, description: 'Only interactions matching it.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => InteractionFilter)
  filter?: InteractionFilter;
}
