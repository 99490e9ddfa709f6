import { Injectable } from '@nestjs/common';
import { every, PeriodicJob, type JobSchedule } from '../common/scheduling/periodic-job.js';
import { IngestionConfig } from './ingestion.config.js';
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
 * Removes settled submissions older than INGEST_RETENTION_DAYS (90 by default; 0: never), once an
 * hour on every instance. An idempotency key is remembered as long as the submission holding it:
 * a resend after that is a new submission, merged by its e-mail into the lead it made.
 */
@Injectable()
export class JournalRetentionJob extends PeriodicJob {
  readonly label = 'journal retention';

  constructor(
    private readonly raws: RawLeadsRepository,
    private readonly config: IngestionConfig,
  ) {
    super();
  }

  schedule(): JobSchedule | null {
    const days = this.config.INGEST_RETENTION_DAYS;
    // Deleting by default is new (the journal used to be kept forever): an upgrade that did not
    // choose it is told, at every boot, what will go and how to keep it.
    if (days > 0 && !this.config.isSet('INGEST_RETENTION_DAYS'))
      this.logger.warn(
        `INGEST_RETENTION_DAYS is not set: settled submissions (the ingestion journal) older than ${days} days will be deleted, starting a minute from now. To keep them, set INGEST_RETENTION_DAYS=0; to silence this, set it to the days you want.`,
      );
    // A minute after boot (not in the middle of it), then hourly.
    return days > 0 ? every(EVERY_MS, 60_000) : null;
  }

  /**
   * One pass over every company's journal (at shutdown, it stops between batches); returns how
   * many submissions it removed.
   */
  async run(): Promise<number> {
    const days = this.config.INGEST_RETENTION_DAYS;
    if (days <= 0) return 0;
    let removed = 0;
    for (const companyId of await this.raws.journalCompanies())
      removed += await this.drain(BATCH, (batch) =>
        this.raws.deleteOlderThan(companyId, SETTLED, days, batch),
      );
    if (removed > 0) this.logger.log(`removed ${removed} settled submissions`);
    return removed;
  }
}
