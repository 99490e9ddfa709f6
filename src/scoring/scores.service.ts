import { Injectable, Logger } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context.js';
import { Action, authorize } from '../auth/permissions.js';
import { AppConfig } from '../config/app-config.js';
import type { Transaction } from 'sequelize';
import { AdvisoryLocks, LockSpace, type LockSession } from '../database/advisory-locks.js';
import { LeadScoresRepository, type LeadPosition } from './lead-scores.repository.js';
import { ScoringException, ScoringReason } from './scoring.exception.js';

const BEFORE_EVERY_LEAD: LeadPosition = {
  createdAt: new Date('1900-01-01T00:00:00Z'),
  id: '00000000-0000-0000-0000-000000000000',
};

@Injectable()
export class ScoresService {
  private readonly logger = new Logger(ScoresService.name);

  constructor(
    private readonly scores: LeadScoresRepository,
    private readonly locks: AdvisoryLocks,
    private readonly config: AppConfig,
  ) {}

  /**
   * Every lead of the caller's company rescored, set-based, SCORES_BATCH_SIZE leads per statement,
   * each batch committed on its own; all of them at one instant, the time recorded on each. One
   * at a time per company, on every instance (an advisory lock): a second call while one runs is
   * refused. Returns how many leads were written.
   */
  async recalculateAll(auth: AuthContext): Promise<number> {
    authorize(auth, Action.RecalculateScores);
    const started = Date.now();
    const at = new Date();
    const held = await this.locks.tryWhile(
      LockSpace.SCORE_RECALCULATION,
      auth.companyId,
      (session) => this.rescoreCompany(session, auth.companyId, at),
    );
    if (!held)
      throw new ScoringException(
        ScoringReason.RECALCULATION_RUNNING,
        'The scores of this company are being recalculated already',
      );
    this.logger.log(
      `recalculated ${held.result} lead scores of company ${auth.companyId} in ${Date.now() - started} ms`,
    );
    return held.result;
  }

  /**
   * The leads of an interaction change, rescored inside its transaction (sent, no round trip), at
   * the time of the change.
   */
  rescoreInTransaction(transaction: Transaction, companyId: string, leadIds: string[]): void {
    if (leadIds.length > 0) this.scores.rescore(transaction, companyId, leadIds, new Date());
  }

  private async rescoreCompany(session: LockSession, companyId: string, at: Date): Promise<number> {
    let written = 0;
    for (let after: LeadPosition | null = BEFORE_EVERY_LEAD; after;) {
      const batch = await this.scores.rescoreBatch(
        session,
        companyId,
        after,
        this.config.SCORES_BATCH_SIZE,
        at,
      );
      written += batch.written;
      after = batch.next;
    }
    return written;
  }
}
