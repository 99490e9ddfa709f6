import { Injectable, OnModuleInit } from '@nestjs/common';
import { LoaderKey, LoaderRegistry } from '../common/graphql/loaders.js';
import { LeadScoresRepository, type LeadScoreRecord } from './lead-scores.repository.js';
import {
  LeadSummariesRepository,
  type LeadSummaryRecord,
} from './summaries/lead-summaries.repository.js';

/** A lead's score (lead.activityScore, lead.scoreCalculatedAt); null for a lead of no company's. */
export const SCORE_BY_LEAD = new LoaderKey<string, LeadScoreRecord | null>('scoreByLead');
/** A lead's summary (lead.summary, lead.summaryGeneratedAt); null until one is generated. */
export const SUMMARY_BY_LEAD = new LoaderKey<string, LeadSummaryRecord | null>('summaryByLead');

const byLead = <T extends { leadId: string }>(ids: readonly string[], rows: readonly T[]) => {
  const found = new Map(rows.map((row) => [row.leadId, row]));
  return ids.map((id) => found.get(id) ?? null);
};

@Injectable()
export class ScoringLoaders implements OnModuleInit {
  constructor(
    private readonly registry: LoaderRegistry,
    private readonly scores: LeadScoresRepository,
    private readonly summaries: LeadSummariesRepository,
  ) {}

  onModuleInit(): void {
    this.registry.define(SCORE_BY_LEAD, async (companyId, ids) =>
      byLead(ids, await this.scores.find(companyId, ids)),
    );
    this.registry.define(SUMMARY_BY_LEAD, async (companyId, ids) =>
      byLead(ids, await this.summaries.find(companyId, ids)),
    );
  }
}
