import { Injectable, OnModuleInit } from '@nestjs/common';
import { byKey, LoaderKey, LoaderRegistry } from '../common/graphql/loaders.js';
import { LeadScoresRepository, type LeadScoreRecord } from './lead-scores.repository.js';
import {
  LeadSummariesRepository,
  type LeadSummaryRecord,
} from './summaries/lead-summaries.repository.js';

/** A lead's score (lead.activityScore, lead.scoreCalculatedAt); null for a lead of no company's. */
export const SCORE_BY_LEAD = new LoaderKey<string, LeadScoreRecord | null>('scoreByLead');
/** A lead's summary (lead.summary, lead.summaryGeneratedAt); null until one is generated. */
export const SUMMARY_BY_LEAD = new LoaderKey<string, LeadSummaryRecord | null>('summaryByLead');

const leadOf = (row: { leadId: string }): string => row.leadId;

@Injectable()
export class ScoringLoaders implements OnModuleInit {
  constructor(
    private readonly registry: LoaderRegistry,
    private readonly scores: LeadScoresRepository,
    private readonly summaries: LeadSummariesRepository,
  ) {}

  onModuleInit(): void {
    this.registry.define(SCORE_BY_LEAD, async (companyId, ids) =>
      byKey(ids, await this.scores.find(companyId, ids), leadOf),
    );
    this.registry.define(SUMMARY_BY_LEAD, async (companyId, ids) =>
      byKey(ids, await this.summaries.find(companyId, ids), leadOf),
    );
  }
}
