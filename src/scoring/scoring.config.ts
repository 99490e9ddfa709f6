import { ConfigSlice } from '../config/config-slice.js';
import { IntVariable } from '../config/variable.decorators.js';

/** Bulk score recalculations: their batches, how many at once, how often on schedule. */
export class ScoringConfig extends ConfigSlice {
  static override readonly feature = 'scoring';

  /**
   * Leads per statement of a bulk score recalculation: each batch commits on its own, so that the
   * recalculation never holds a lead's row lock for longer than one batch takes.
   */
  @IntVariable('leads per statement (and commit) of a bulk score recalculation', {
    min: 1,
    max: 100_000,
  })
  SCORES_BATCH_SIZE = 5000;

  /** Bulk score recalculations running at once on this instance; each holds a pooled connection. */
  @IntVariable(
    'bulk recalculations at once per instance (each holds a pooled connection; 429 beyond)',
    { min: 1 },
  )
  SCORES_MAX_CONCURRENT_RUNS = 2;

  /** Hours between the scheduled recalculations of every company's scores (0: none scheduled). */
  @IntVariable('how often every company’s scores are recalculated on schedule (`0`: never)', {
    min: 0,
  })
  SCORES_RECALCULATION_INTERVAL_HOURS = 24;
}
