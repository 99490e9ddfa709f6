import { Injectable } from '@nestjs/common';
import { systemCaller } from '../auth/auth-context.js';
import { every, PeriodicJob, type JobSchedule } from '../common/scheduling/periodic-job.js';
import { ScoringConfig } from './scoring.config.js';
import { AdvisoryLocks, LockSpace } from '../database/advisory-locks.js';
import { ScoreRecalculationsRepository } from './score-recalculations.repository.js';
import { ScoresService } from './scores.service.js';
import { ScoringException, ScoringReason } from './scoring.exception.js';

/** How often an instance looks for companies due; the interval itself is the config's. */
const CHECK_EVERY_MS = 15 * 60_000;
/** The first look, a minute after boot: not while the instance warms up. */
const FIRST_CHECK_AFTER_MS = 60_000;

/**
 * Scores decay with time, so every SCORES_RECALCULATION_INTERVAL_HOURS each company is rescored
 * by the same batches as recalculateAllScores. One instance runs the pass (an advisory lock), and
 * a company is skipped when another run, of any kind, did it within the interval.
 */
@Injectable()
export class ScheduledRecalculationJob extends PeriodicJob {
  readonly label = 'scheduled score recalculation';

  constructor(
    private readonly scores: ScoresService,
    private readonly runs: ScoreRecalculationsRepository,
    private readonly locks: AdvisoryLocks,
    private readonly config: ScoringConfig,
  ) {
    super();
  }

  schedule(): JobSchedule | null {
    return this.config.SCORES_RECALCULATION_INTERVAL_HOURS > 0
      ? every(CHECK_EVERY_MS, FIRST_CHECK_AFTER_MS)
      : null;
  }

  /**
   * Rescores every company due, one after another (at shutdown, it stops between companies);
   * returns how many companies it rescored, or null when another instance's pass was under way.
   */
  async run(): Promise<number | null> {
    const hours = this.config.SCORES_RECALCULATION_INTERVAL_HOURS;
    const held = await this.locks.tryWhile(LockSpace.SCORE_SCHEDULE, 'all', async () => {
      const due = await this.runs.due(hours);
      if (due.length === 0) return 0;
      const started = Date.now();
      this.logger.log(`scheduled recalculation: ${due.length} companies due`);
      let done = 0;
      for (const [i, companyId] of due.entries()) {
        if (this.stopping) break;
        try {
          if (await this.rescore(companyId, hours)) done++;
        } catch (error) {
          // One company's failure is logged and leaves the others to be done.
          this.logger.error(
            `scheduled recalculation of company ${companyId} failed: ${String(error)}`,
          );
        }
        this.logger.log(`scheduled recalculation: ${i + 1}/${due.length} companies`);
      }
      this.logger.log(
        `scheduled recalculation: ${done} companies rescored in ${Date.now() - started} ms`,
      );
      return done;
    });
    return held ? held.result : null;
  }

  private async rescore(companyId: string, hours: number): Promise<boolean> {
    try {
      const count = await this.scores.recalculateIfDue(
        systemCaller(companyId, 'scores.recalculate'),
        hours,
      );
      return count !== null;
    } catch (error) {
      // A manual run holds the company: it does the work.
      if (error instanceof ScoringException && error.reason === ScoringReason.RECALCULATION_RUNNING)
        return false;
      throw error;
    }
  }
}
