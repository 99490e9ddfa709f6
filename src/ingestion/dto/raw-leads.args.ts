import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { PageArgs } from '../../common/graphql/page.args.js';
import { RawLeadFilter } from './raw-lead-filter.input.js';

@ArgsType()
export class RawLeadsArgs extends PageArgs {
  @Field(() => RawLeadFilter, { nullable: true, description: 'Only submissions matching it.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RawLeadFilter)
  filter?: RawLeadFilter | null;
}
