import { IngestionMetrics } from './ingestion.metrics.js';
import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { JobsModule } from '../common/scheduling/jobs.module.js';
import { ApiKeysModule } from '../api-keys/api-keys.module.js';
import { LeadsModule } from '../leads/leads.module.js';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { UsersModule } from '../users/users.module.js';
import { IngestionBudget } from './ingestion-budget.js';
import { IngestionUsageResolver } from './ingestion-usage.resolver.js';
import { IngestionUsageService } from './ingestion-usage.service.js';
import { IngestionController } from './ingestion.controller.js';
import { IngestionLoaders } from './ingestion.loaders.js';
import { ReprocessingJob } from './reprocessing.job.js';
import { JournalRetentionJob } from './journal-retention.job.js';
import { IngestionService } from './ingestion.service.js';
import { LeadRoutingRepository } from './lead-routing.repository.js';
import { LeadRoutingResolver } from './lead-routing.resolver.js';
import { LeadRoutingService } from './lead-routing.service.js';
import { LeadAttributionResolver, LeadSubmissionsResolver } from './lead-submissions.resolver.js';
import { RawLeadsRepository } from './raw-leads.repository.js';
import { RawLeadsResolver } from './raw-leads.resolver.js';
import { RawLeadsService } from './raw-leads.service.js';

/** POST /api/lead (IngestionController) and its journal. */
@Module({
  imports: [AccessModule, JobsModule, LeadsModule, ApiKeysModule, RateLimitModule, UsersModule],
  controllers: [IngestionController],
  providers: [
    RawLeadsRepository,
    IngestionBudget,
    IngestionService,
    IngestionUsageService,
    IngestionUsageResolver,
    ReprocessingJob,
    JournalRetentionJob,
    RawLeadsService,
    RawLeadsResolver,
    LeadSubmissionsResolver,
    LeadAttributionResolver,
    IngestionLoaders,
    IngestionMetrics,
    LeadRoutingRepository,
    LeadRoutingService,
    LeadRoutingResolver,
  ],
  exports: [IngestionService, ReprocessingJob],
})
export class IngestionModule {}
