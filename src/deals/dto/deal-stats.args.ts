import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsOptional } from 'class-validator';

/** The deals a statistic counts: live ones, created in [createdFrom, createdTo) when given. */
@ArgsType()
export class DealStatsArgs {
  @Field({ nullable: true, description: 'Deals created at or after.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  createdFrom?: Date;

  @Field({ nullable: true, description: 'Deals created before.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  createdTo?: Date;
}
