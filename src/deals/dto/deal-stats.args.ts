import { ArgsType, Field } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsOptional } from 'class-validator';

/**
 * The deals a statistic counts: live ones, created in [createdFrom, createdTo) when given, the
 * range widened to whole UTC hours (DealStatsService, rangeOf).
 */
@ArgsType()
export class DealStatsArgs {
  @Field({
    nullable: true,
    description:
      'Deals created at or after the start of this UTC hour (rounded down to a whole hour: ranges that differ within an hour share one cached figure).',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  createdFrom?: Date;

  @Field({
    nullable: true,
    description:
      'Deals created before this instant rounded up to a whole UTC hour. Each range not yet cached counts against DEAL_STATS_UNCACHED_PER_MINUTE per company (RATE_LIMITED, reason UNCACHED_STATS_LIMITED).',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  createdTo?: Date;
}
