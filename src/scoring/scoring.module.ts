import { Module } from '@nestjs/common';
import { LeadScoresListener } from './lead-scores.listener.js';
import { LeadScoresRepository } from './lead-scores.repository.js';

/** Activity scores of leads (README, “Scoring”). */
@Module({
  providers: [LeadScoresRepository, LeadScoresListener],
})
export class ScoringModule {}
