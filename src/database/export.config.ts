import { IsOptional } from 'class-validator';
import { ConfigSlice, type ReadSlice } from '../config/config-slice.js';
import { IntVariable } from '../config/variable.decorators.js';
import { DatabaseConfig } from './database.config.js';

/** CSV exports (CsvExport): how long, how many at once, and how slow a reader may be. */
export class ExportConfig extends ConfigSlice {
  static override readonly feature = 'exports';

  /** Longest a CSV export may run in PostgreSQL. */
  @IntVariable('longest a CSV export may run in PostgreSQL', { min: 1000 })
  EXPORT_TIMEOUT_MS = 600_000;

  /** An export whose client reads nothing for this long is ended, and its connection freed. */
  @IntVariable('an export whose client reads nothing this long is ended', { min: 100 })
  EXPORT_STALL_TIMEOUT_MS = 30_000;

  /** CSV exports running at once on this instance; each holds a pooled connection. */
  @IntVariable('exports at once per instance (each holds a pooled connection; 429 beyond)', {
    min: 1,
    default: 'a third of `DB_POOL_MAX`',
  })
  @IsOptional()
  EXPORT_MAX_CONCURRENT?: number = undefined;

  /** CSV exports one user may run at once on this instance. */
  @IntVariable('exports one user may run at once per instance', { min: 1 })
  EXPORT_MAX_PER_USER = 1;

  /**
   * CSV exports the users of one company may run at once on this instance, so that one company
   * cannot hold every export slot. Default: half of EXPORT_MAX_CONCURRENT, rounded up, and below
   * it whenever it is above 1; when set, it must not exceed EXPORT_MAX_CONCURRENT.
   */
  @IntVariable(
    'exports one company’s users may run at once per instance (`COMPANY_EXPORT_LIMIT` beyond); at most `EXPORT_MAX_CONCURRENT`',
    { min: 1, default: 'half of `EXPORT_MAX_CONCURRENT`, rounded up' },
  )
  @IsOptional()
  EXPORT_MAX_PER_COMPANY?: number = undefined;

  /**
   * The slowest an export's client may read, averaged over EXPORT_MIN_RATE_WINDOW_MS of the
   * client's own time (time it spends waiting for PostgreSQL's rows does not count): a slower one
   * is ended and its slot freed, so slow-but-steady readers cannot hold the slots (and their
   * connections) until EXPORT_TIMEOUT_MS. 0: no minimum.
   */
  @IntVariable(
    'an export whose client reads slower than this, averaged over the window, is ended (`0` = no minimum)',
    { min: 0 },
  )
  EXPORT_MIN_BYTES_PER_SECOND = 32_768;

  /** The window EXPORT_MIN_BYTES_PER_SECOND is averaged over. */
  @IntVariable(
    'the window of the client’s own time `EXPORT_MIN_BYTES_PER_SECOND` is averaged over',
    { min: 100 },
  )
  EXPORT_MIN_RATE_WINDOW_MS = 30_000;

  /** Exports at once on this instance: EXPORT_MAX_CONCURRENT, or a third of DB_POOL_MAX. */
  declare maxConcurrent: number;
  /** Exports one company's users run at once: EXPORT_MAX_PER_COMPANY, or half of maxConcurrent. */
  declare maxPerCompany: number;

  override settle(read: ReadSlice): string | undefined {
    const poolMax = read(DatabaseConfig).DB_POOL_MAX;
    if (this.EXPORT_MAX_CONCURRENT !== undefined && this.EXPORT_MAX_CONCURRENT >= poolMax)
      // Exports hold their connection while the client reads: they must leave some to everyone else.
      return 'EXPORT_MAX_CONCURRENT must be below DB_POOL_MAX';
    this.maxConcurrent = this.EXPORT_MAX_CONCURRENT ?? Math.max(1, Math.floor(poolMax / 3));
    if (
      this.EXPORT_MAX_PER_COMPANY !== undefined &&
      this.EXPORT_MAX_PER_COMPANY > this.maxConcurrent
    )
      // A company cap above the instance's cap would say what it cannot do.
      return 'EXPORT_MAX_PER_COMPANY must not exceed EXPORT_MAX_CONCURRENT';
    this.maxPerCompany = this.EXPORT_MAX_PER_COMPANY ?? Math.ceil(this.maxConcurrent / 2);
    return undefined;
  }
}
