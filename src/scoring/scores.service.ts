import { Injectable, Logger } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { actorOf, type AuthContext } from '../auth/auth-context.js';
import { Action, authorize } from '../auth/permissions.js';
import type { Actor } from '../common/events/actor.js';
import { DomainEvents } from '../common/events/domain-events.js';
import { ScoringConfig } from './scoring.config.js';
import { ConnectionSlots } from '../database/connection-slots.js';
import { Transactions } from '../database/transactions.js';
import { RateLimiters } from '../rate-limit/rate-limiters.js';
import { spend } from '../rate-limit/spend.js';
import { LeadAccess } from '../leads/lead-access.js';
import { AdvisoryLocks, LockSpace, type LockSession } from '../database/advisory-locks.js';
import { FIRST_LEAD_KEY, LeadScoresRepository } from './lead-scores.repository.js';
import { ScoreRecalculationsRepository } from './score-recalculations.repository.js';
import { ScoringException, ScoringReason } from './scoring.exception.js';
import {
  SCORE_CHANGE_THRESHOLD,
  ScoringEvents,
  type RecalculationTrigger,
} from './scoring.events.js';

/** Told how far a company's run has got, after each batch. */
export type RecalculationProgress = (written: number) => void;

@Injectable()
export class ScoresService {
  private readonly logger = new Logger(ScoresService.name);
  private readonly batchSize: number;
  private readonly slots: ConnectionSlots;

  constructor(
    private readonly scores: LeadScoresRepository,
    private readonly runs: ScoreRecalculationsRepository,
    private readonly locks: AdvisoryLocks,
    private readonly events: DomainEvents,
    private readonly transactions: Transactions,
    private readonly leads: LeadAccess,
    private readonly limiters: RateLimiters,
    config: ScoringConfig,
  ) {
    this.batchSize = config.SCORES_BATCH_SIZE;
    // At most this many here; one per company everywhere is the lock's to say (CONFLICT).
    const most = config.SCORES_MAX_CONCURRENT_RUNS;
    this.slots = new ConnectionSlots(most, most);
  }

  /**
   * Every lead of the caller's company rescored, set-based, SCORES_BATCH_SIZE leads per statement,
   * each batch committed on its own; all of them at one instant, the time recorded on each. One
   * at a time per company, on every instance (an advisory lock): a second call while one runs is
   * refused. Returns how many leads were written; one `scores.recalculated` event tells of it.
   */
  async recalculateAll(
    auth: AuthContext,
    trigger: RecalculationTrigger = 'manual',
    progress?: RecalculationProgress,
  ): Promise<number> {
    authorize(auth, Action.RecalculateScores);
    // A client's, not the schedule's or an operator's: one request of aliased copies is many runs.
    if (trigger === 'manual') await spend(this.limiters.recalculationPerCompany, auth.companyId);
    // Never null: only a run that may skip (recalculateIfDue) returns null.
    return (await this.recalculate(auth, trigger, progress)) ?? 0;
  }

  /**
   * The same, unless the company's scores were recalculated as a whole less than `hours` ago
   * (then null): the schedule's run, which another instance's may have just done.
   */
  recalculateIfDue(
    auth: AuthContext,
    hours: number,
    progress?: RecalculationProgress,
  ): Promise<number | null> {
    return this.recalculate(auth, 'scheduled', progress, hours);
  }

  private async recalculate(
    auth: AuthContext,
    trigger: RecalculationTrigger,
    progress?: RecalculationProgress,
    dueAfterHours?: number,
  ): Promise<number | null> {
    authorize(auth, Action.RecalculateScores);
    const giveBack = this.slots.take(auth.companyId);
    try {
      return await this.recalculateHolding(auth, trigger, progress, dueAfterHours);
    } finally {
      giveBack();
    }
  }

  private async recalculateHolding(
    auth: AuthContext,
    trigger: RecalculationTrigger,
    progress?: RecalculationProgress,
    dueAfterHours?: number,
  ): Promise<number | null> {
    const startedAt = new Date();
    const held = await this.locks.tryWhile(
      LockSpace.SCORE_RECALCULATION,
      auth.companyId,
      async (session) => {
        if (
          dueAfterHours !== undefined &&
          !(await this.runs.isDue(session, auth.companyId, dueAfterHours))
        )
          return null;
        const count = await this.rescoreCompany(session, auth.companyId, startedAt, progress);
        await this.runs.record(session, auth.companyId, { startedAt, count, trigger });
        return count;
      },
    );
    if (!held)
      throw new ScoringException(
        ScoringReason.RECALCULATION_RUNNING,
        'The scores of this company are being recalculated already',
      );
    const count = held.result;
    if (count === null) return null;
    const durationMs = Date.now() - startedAt.getTime();
    this.logger.log(
      `recalculated ${count} lead scores of company ${auth.companyId} in ${durationMs} ms (${trigger})`,
    );
    await this.events.publish(
      ScoringEvents.ScoresRecalculated,
      {
        entity: 'Company',
        records: [{ id: auth.companyId, details: { count, durationMs, trigger } }],
      },
      { actor: actorOf(auth) },
    );
    return count;
  }

  /**
   * The leads of an interaction change, rescored inside its transaction at the time of the
   * change; a move of SCORE_CHANGE_THRESHOLD points or more is published as lead.score_changed,
   * in the same transaction, so what it causes commits with the change.
   */
  async rescoreInTransaction(
    actor: Actor & { companyId: string },
    transaction: Transaction,
    leadIds: string[],
  ): Promise<void> {
    if (leadIds.length === 0) return;
    const rescored = await this.scores.rescore(transaction, actor.companyId, leadIds, new Date());
    const moved = rescored.filter((r) => Math.abs(r.score - r.previous) >= SCORE_CHANGE_THRESHOLD);
    if (moved.length === 0) return;
    await this.events.publish(
      ScoringEvents.LeadScoreChanged,
      {
        entity: 'Lead',
        records: moved.map((r) => ({
          id: r.leadId,
          assignedToId: r.assignedToId,
          changes: { activityScore: { from: r.previous, to: r.score } },
        })),
      },
      { actor, transaction },
    );
  }

  /**
   * One lead's score recomputed now (the score a summary is written with). The lead is locked as
   * an interaction change locks it, so the score sees every change committed before it.
   */
  async rescoreLead(auth: AuthContext, leadId: string): Promise<void> {
    await this.transactions.run(async (transaction) => {
      await this.leads.requireReadable(auth, leadId, transaction);
      await this.scores.rescore(transaction, auth.companyId, [leadId], new Date());
    });
  }

  private async rescoreCompany(
    session: LockSession,
    companyId: string,
    at: Date,
    progress?: RecalculationProgress,
  ): Promise<number> {
    let written = 0;
    for (let after: string | null = FIRST_LEAD_KEY; after;) {
      const batch = await this.scores.rescoreBatch(session, companyId, after, this.batchSize, at);
      written += batch.written;
      after = batch.last;
      progress?.(written);
    }
    return written;
  }
}
