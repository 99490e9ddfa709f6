import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsOptional } from 'class-validator';
import { RawLeadStatus } from '../raw-lead-status.enum.js';

@InputType({ description: 'Narrows the submissions journal.' })
export class RawLeadFilter {
  @Field(() => [RawLeadStatus], { nullable: true, description: 'Any of these statuses.' })
  @IsOptional()
  @ArrayMaxSize(8)
  @IsEnum(RawLeadStatus, { each: true })
  status?: RawLeadStatus[];
}
