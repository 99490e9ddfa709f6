import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { Args, Query, Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { ListSize } from '../common/graphql/query-cost.decorators.js';
import { DealStage } from './deal-enums.js';
import { DealStatsService } from './deal-stats.service.js';
import { DealStatsArgs } from './dto/deal-stats.args.js';
import { MyDealsStatsType, PipelineStageStatsType } from './deal-stats.type.js';
import type { MyDealsStats, PipelineStageStats } from './deal-stats.record.js';

@Resolver()
export class DealStatsResolver {
  constructor(private readonly dealStats: DealStatsService) {}

  @Requires(Action.ReadRecords)
  @Query(() => [PipelineStageStatsType], {
    description: 'Every stage of the company’s pipeline, in order, with zeros where it is empty.',
  })
  @ListSize(Object.keys(DealStage).length)
  pipelineStats(
    @CurrentAuth() auth: AuthContext,
    @Args() args: DealStatsArgs,
  ): Promise<PipelineStageStats[]> {
    return this.dealStats.pipeline(auth, args);
  }

  @Requires(Action.ReadRecords)
  @Query(() => MyDealsStatsType, { description: 'The deals assigned to you.' })
  myDealsStats(
    @CurrentAuth() auth: AuthContext,
    @Args() args: DealStatsArgs,
  ): Promise<MyDealsStats> {
    return this.dealStats.mine(auth, args);
  }
}
