import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { PageArgs } from '../../common/graphql/page.args.js';
import { DealFilter } from './deal-filter.input.js';
import { DealOrder } from './deal-order.input.js';

@ArgsType()
export class DealsArgs extends PageArgs {
  @Field(() => DealFilter, { nullable: true, description: 'Only deals matching it.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DealFilter)
  filter?: DealFilter | null;

  @Field(() => DealOrder, { nullable: true, description: 'Default: newest first.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DealOrder)
  orderBy?: DealOrder;
}
