import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { RawLeadStatus } from './raw-lead-status.enum.js';
import { RawLeadsRepository } from './raw-leads.repository.js';

/** What retention removes: submissions with an outcome. Queued and failed ones wait for a person. */
export const SETTLED: readonly RawLeadStatus[] = [
  RawLeadStatus.PROCESSED,
  RawLeadStatus.MERGED,
  RawLeadStatus.DUPLICATE,
  RawLeadStatus.REJECTED,
  RawLeadStatus.INVALID,
];

/** Rows per DELETE: each commits on its own, so that no pass holds locks or a transaction long. */
const BATCH = 5000;
const EVERY_MS = 60 * 60 * 1000;

/**
 * Removes settled submissions older than INGEST_RETENTION_DAYS (0, the default: never), once an
 * hour on every instance. An idempotency key is remembered as long as the submission holding it:
 * a resend after that is a new submission, merged by its e-mail into the lead it made.
 */
@Injectable()
export class JournalRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JournalRetention.name);
  private timer?: NodeJS.Timeout;
  private first?: NodeJS.Timeout;
  private running?: Promise<void>;
  /** Set at shutdown: a pass stops between batches instead of holding the shutdown up. */
  private stopping = false;

  constructor(
    private readonly raws: RawLeadsRepository,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.INGEST_RETENTION_DAYS <= 0) return;
    const pass = () => {
      this.running ??= this.purge()
        .then((n) => n > 0 && this.logger.log(`removed ${n} settled submissions`))
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error(`journal retention failed: ${String(error)}`))
        .finally(() => (this.running = undefined));
    };
    // A minute after boot (not in the middle of it), then hourly.
    this.first = setTimeout(pass, 60_000);
    this.timer = setInterval(pass, EVERY_MS);
    this.first.unref();
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.first);
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass over every company's journal; returns how many submissions it removed. */
  async purge(): Promise<number> {
    const days = this.config.INGEST_RETENTION_DAYS;
    if (days <= 0) return 0;
    let removed = 0;
    for (const companyId of await this.raws.journalCompanies()) {
      while (!this.stopping) {
        const n = await this.raws.deleteOlderThan(companyId, SETTLED, days, BATCH);
        removed += n;
        if (n < BATCH) break;
      }
    }
    return removed;
  }
}
