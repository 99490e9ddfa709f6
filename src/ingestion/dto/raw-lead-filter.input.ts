import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsOptional } from 'class-validator';
import { RawLeadStatus } from '../raw-lead-status.enum.js';

@InputType()
export class RawLeadFilter {
  @Field(() => [RawLeadStatus], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(8)
  @IsEnum(RawLeadStatus, { each: true })
  status?: RawLeadStatus[];
}
