import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context.js';
import { Action, authorize } from '../auth/permissions.js';
import { IngestionConfig } from './ingestion.config.js';
import { IngestionBudget, type BudgetUsage } from './ingestion-budget.js';

/** What ingestionUsage answers: the budget's counters and how long the journal keeps things. */
export interface IngestionUsage extends BudgetUsage {
  /** null: kept forever (INGEST_RETENTION_DAYS=0). */
  retentionDays: number | null;
}

/** The caller's company's use of its ingestion budget, read only: looking spends nothing. */
@Injectable()
export class IngestionUsageService {
  constructor(
    private readonly budget: IngestionBudget,
    private readonly config: IngestionConfig,
  ) {}

  async usage(auth: AuthContext): Promise<IngestionUsage> {
    authorize(auth, Action.ReadIngestionUsage);
    const days = this.config.INGEST_RETENTION_DAYS;
    return { ...(await this.budget.usage(auth.companyId)), retentionDays: days > 0 ? days : null };
  }
}
