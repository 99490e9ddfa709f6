import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { ConfigSlice, Variable } from '../config/config-slice.js';
import { toInt } from '../config/string-transforms.js';

/** Bulk score recalculations: their batches, how many at once, how often on schedule. */
export class ScoringConfig extends ConfigSlice {
  static override readonly feature = 'scoring';

  /**
   * Leads per statement of a bulk score recalculation: each batch commits on its own, so that the
   * recalculation never holds a lead's row lock for longer than one batch takes.
   */
  @Variable('leads per statement (and commit) of a bulk score recalculation')
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100_000)
  SCORES_BATCH_SIZE = 5000;

  /** Bulk score recalculations running at once on this instance; each holds a pooled connection. */
  @Variable('bulk recalculations at once per instance (each holds a pooled connection; 429 beyond)')
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SCORES_MAX_CONCURRENT_RUNS = 2;

  /** Hours between the scheduled recalculations of every company's scores (0: none scheduled). */
  @Variable('how often every company’s scores are recalculated on schedule (`0`: never)')
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SCORES_RECALCULATION_INTERVAL_HOURS = 24;
}
