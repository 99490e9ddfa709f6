import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { JobsModule } from '../common/scheduling/jobs.module.js';
import { LeadsModule } from '../leads/leads.module.js';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { LeadScoresListener } from './lead-scores.listener.js';
import { LeadScoresRepository } from './lead-scores.repository.js';
import { LeadScoringResolver } from './lead-scoring.resolver.js';
import { ScheduledRecalculationJob } from './scheduled-recalculation.job.js';
import { ScoreRecalculationsRepository } from './score-recalculations.repository.js';
import { ScoresResolver } from './scores.resolver.js';
import { ScoresService } from './scores.service.js';
import { ScoringLoaders } from './scoring.loaders.js';
import { AiBudgets } from './summaries/ai-budgets.js';
import { ExternalAiRepository } from './summaries/external-ai.repository.js';
import { LeadSummariesRepository } from './summaries/lead-summaries.repository.js';
import { SummariesResolver } from './summaries/summaries.resolver.js';
import { SummariesService } from './summaries/summaries.service.js';
import { SummaryProviders } from './summaries/summary-providers.js';

/** Activity scores and summaries of leads (docs/features/scoring.md). */
@Module({
  imports: [AccessModule, JobsModule, LeadsModule, RateLimitModule],
  providers: [
    LeadScoresRepository,
    LeadScoresListener,
    ScoresService,
    ScoresResolver,
    ScoreRecalculationsRepository,
    ScheduledRecalculationJob,
    ScoringLoaders,
    LeadScoringResolver,
    LeadSummariesRepository,
    ExternalAiRepository,
    SummaryProviders,
    AiBudgets,
    SummariesService,
    SummariesResolver,
  ],
  exports: [ScoresService],
})
export class ScoringModule {}
