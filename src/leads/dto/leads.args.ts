import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { PageArgs } from '../../common/graphql/page.args.js';
import { LeadFilter } from './lead-filter.input.js';
import { LeadOrder } from './lead-order.input.js';

@ArgsType()
export class LeadsArgs extends PageArgs {
  @Field(() => LeadFilter, { nullable: true, description: 'Only leads matching it.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LeadFilter)
  filter?: LeadFilter | null;

  @Field(() => LeadOrder, { nullable: true, description: 'Default: newest first.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LeadOrder)
  orderBy?: LeadOrder;
}
