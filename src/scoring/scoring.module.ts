import { Module } from '@nestjs/common';
import { LeadScoresListener } from './lead-scores.listener.js';
import { LeadScoresRepository } from './lead-scores.repository.js';
import { ScoresResolver } from './scores.resolver.js';
import { ScoresService } from './scores.service.js';

/** Activity scores of leads (README, “Scoring”). */
@Module({
  providers: [LeadScoresRepository, LeadScoresListener, ScoresService, ScoresResolver],
})
export class ScoringModule {}
