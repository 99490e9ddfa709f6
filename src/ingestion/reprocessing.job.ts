import { Injectable } from '@nestjs/common';
import { reportServerFault } from '../common/errors/server-faults.js';
import { every, PeriodicJob, type JobSchedule } from '../common/scheduling/periodic-job.js';
import { IngestionConfig } from './ingestion.config.js';
import { IngestionService } from './ingestion.service.js';
import { RawLeadStatus } from './raw-lead-status.enum.js';
import type { RawLeadRecord } from './raw-lead.record.js';
import { RawLeadsRepository } from './raw-leads.repository.js';

/** Rows taken per pass. */
const BATCH = 20;
const MAX_DELAY_SECONDS = 3600;

/** 10 s, 20 s, 40 s, … up to an hour: the wait after the `attempt`th failure. */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(MAX_DELAY_SECONDS, 10 * 2 ** Math.max(0, attempt - 1));
}

/**
 * Works off the submissions whose first processing did not finish: queued ones when they are
 * due, and ones an instance died holding. Runs on every instance; the lease (see
 * RawLeadsRepository.lease) keeps two from taking the same row.
 */
@Injectable()
export class ReprocessingJob extends PeriodicJob {
  readonly label = 'reprocessing';

  constructor(
    private readonly raws: RawLeadsRepository,
    private readonly ingestion: IngestionService,
    private readonly config: IngestionConfig,
  ) {
    super();
  }

  schedule(): JobSchedule | null {
    return every(this.config.INGEST_REPROCESS_INTERVAL_MS);
  }

  /** Leases and processes due rows until a lease comes back short; returns how many it took. */
  run(): Promise<number> {
    return this.drain(BATCH, async (batch) => {
      const rows = await this.raws.lease(batch, this.config.INGEST_LEASE_SECONDS);
      for (const raw of rows) await this.once(raw);
      return rows.length;
    });
  }

  private async once(raw: RawLeadRecord): Promise<void> {
    try {
      await this.ingestion.process(raw);
    } catch (error) {
      const message = String(error);
      if (raw.attempts >= this.config.INGEST_MAX_ATTEMPTS) {
        await this.raws.finish(raw.id, RawLeadStatus.FAILED, { error: message });
        this.logger.error(`submission ${raw.id} failed for good: ${message}`);
        reportServerFault({ error, source: 'job', task: this.label });
      } else {
        await this.raws.queue(raw.id, message, retryDelaySeconds(raw.attempts));
      }
    }
  }
}
