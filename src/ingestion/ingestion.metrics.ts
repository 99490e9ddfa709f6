import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { counter, sampledGauge } from '../common/metrics/metrics.js';
import type { IngestionReply } from './ingestion-reply.js';
import { RawLeadsRepository } from './raw-leads.repository.js';

const submissions = counter(
  'ingestion_submissions_total',
  'Answers to POST /api/lead by outcome: created, merged, duplicate, queued, rejected, or the error.',
  ['outcome'],
);
const journal = sampledGauge(
  'ingestion_journal_waiting',
  'Submissions waiting in the journal, by status (RECEIVED: being written up; QUEUED: for the reprocessor).',
  { labelNames: ['status'], aggregator: 'max' },
);
const oldest = sampledGauge(
  'ingestion_journal_oldest_waiting_seconds',
  'Age of the oldest waiting submission, by status.',
  { labelNames: ['status'], aggregator: 'max' },
);
const reprocessorLag = sampledGauge(
  'ingestion_reprocessor_lag_seconds',
  'How long the longest-due queued submission has waited past its retry time.',
  { aggregator: 'max' },
);

type WaitingRow = Awaited<ReturnType<RawLeadsRepository['waiting']>>[number];
const WAITING = ['RECEIVED', 'QUEUED'] as const;
const NONE: WaitingRow = { status: '', rows: 0, oldestSeconds: 0, overdueSeconds: 0 };

const wordOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** The outcome an answer stands for: its status word, or its error word (a fixed set). */
export function countSubmission(reply: IngestionReply): void {
  const outcome =
    reply.statusCode === 201
      ? 'created'
      : reply.statusCode === 200
        ? 'merged'
        : reply.statusCode === 409
          ? 'duplicate'
          : (wordOf(reply.body.status) ?? wordOf(reply.body.error) ?? String(reply.statusCode));
  submissions.inc({ outcome });
}

/** The journal's figures, read from the database at each scrape while the app runs. */
@Injectable()
export class IngestionMetrics implements OnModuleInit, OnApplicationShutdown {
  private readonly unwatch: (() => void)[] = [];

  constructor(private readonly raws: RawLeadsRepository) {}

  onModuleInit(): void {
    // One statement per scrape, shared by the three gauges.
    let reading: Promise<WaitingRow[]> | null = null;
    const read = () => {
      reading ??= this.raws.waiting().finally(() => setImmediate(() => (reading = null)));
      return reading;
    };
    // Both statuses always, so an emptied backlog reads 0 rather than vanishing.
    const byStatus = async (pick: (row: WaitingRow) => number) => {
      const rows = await read();
      return WAITING.map(
        (status) => [{ status }, pick(rows.find((r) => r.status === status) ?? NONE)] as const,
      );
    };
    this.unwatch.push(
      journal.watch(() => byStatus((r) => r.rows)),
      oldest.watch(() => byStatus((r) => r.oldestSeconds)),
      reprocessorLag.watch(async () => [
        [{}, Math.max(0, ...(await read()).map((r) => r.overdueSeconds))] as const,
      ]),
    );
  }

  onApplicationShutdown(): void {
    for (const unwatch of this.unwatch) unwatch();
  }
}
