import { Injectable } from '@nestjs/common';
import { RateLimitConfig } from '../rate-limit/rate-limit.config.js';
import { RateLimiters } from '../rate-limit/rate-limiters.js';
import { tryConsume } from '../rate-limit/spend.js';
import type { BudgetLimit } from './ingestion-reply.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What a company has used of its ingestion budget, as ingestionUsage shows it. */
export interface BudgetUsage {
  /** Submissions counted this minute (refused ones included) and the limit. */
  requestsThisMinute: number;
  requestLimitPerMinute: number;
  /** When this minute's count started over; null when nothing was sent in it. */
  requestsResetAt: Date | null;
  bytesToday: number;
  byteLimitPerDay: number;
  /** The next UTC midnight. */
  bytesResetAt: Date;
}

/**
 * The outcome of spending: allowed (with a way to give it back when nothing is stored after all:
 * 'all', or only the 'bytes' — a refusal still counts for the minute), or refused with the limit
 * hit and when to come back. Giving back never throws.
 */
export type BudgetSpend =
  | { allowed: true; giveBack: (what: 'all' | 'bytes') => Promise<void> }
  | { allowed: false; limit: BudgetLimit; retryAfter: number };

/** The UTC day `now` falls in (YYYY-MM-DD) and when it ends. */
function utcDay(now: number): { day: string; endsAt: number } {
  const day = new Date(now).toISOString().slice(0, 10);
  return { day, endsAt: Date.parse(`${day}T00:00:00.000Z`) + DAY_MS };
}

/**
 * A company's ingestion budget, all its API keys and instances together: submissions per minute
 * and bytes stored per UTC day — what a submission's rows take, not only its body (storedBytes). Counted in Redis when it is configured (rate-limiter-flexible, with
 * the in-memory fallback of RateLimiters), never in PostgreSQL: the check stays off the
 * database on the hot path. Both counters are sent at once — on one Redis connection, one round
 * trip's wait.
 *
 * Bytes of a submission that stores nothing are given back — refused (429), or not stored after
 * all (a 500, a key revoked meanwhile: 401): a sender retrying must not spend the day's budget on
 * requests that stored nothing. A refused request still counts for the minute,
 * which is what stops a retry storm.
 */
@Injectable()
export class IngestionBudget {
  constructor(
    private readonly limiters: RateLimiters,
    private readonly config: RateLimitConfig,
  ) {}

  /** One submission storing `bytes` (storedBytes) for the company, before anything is stored. */
  async spend(companyId: string, bytes: number, now = Date.now()): Promise<BudgetSpend> {
    const { day, endsAt } = utcDay(now);
    const bytesKey = `${companyId}:${day}`;
    const points = Math.max(1, bytes);
    const [request, volume] = await Promise.all([
      tryConsume(this.limiters.ingestPerCompany, companyId),
      tryConsume(this.limiters.ingestBytesPerCompany, bytesKey, points),
    ]);
    if (request.allowed && volume.allowed)
      return {
        allowed: true,
        giveBack: async (what) => {
          await Promise.all([
            what === 'all' ? this.limiters.ingestPerCompany.reward(companyId, 1) : null,
            this.limiters.ingestBytesPerCompany.reward(bytesKey, points),
          ]).catch(() => undefined);
        },
      };
    // Spent on a request that stores nothing: the bytes go back (consume counts past the limit too).
    await this.limiters.ingestBytesPerCompany.reward(bytesKey, points).catch(() => undefined);
    if (!request.allowed)
      return {
        allowed: false,
        limit: 'requests_per_minute',
        retryAfter: request.retryAfterSeconds,
      };
    return {
      allowed: false,
      limit: 'bytes_per_day',
      retryAfter: Math.max(1, Math.ceil((endsAt - now) / 1000)),
    };
  }

  /** The company's use against its limits, read without spending anything. */
  async usage(companyId: string, now = Date.now()): Promise<BudgetUsage> {
    const { day, endsAt } = utcDay(now);
    const [requests, bytes] = await Promise.all([
      this.limiters.ingestPerCompany.get(companyId),
      this.limiters.ingestBytesPerCompany.get(`${companyId}:${day}`),
    ]);
    return {
      requestsThisMinute: requests?.consumedPoints ?? 0,
      requestLimitPerMinute: this.config.INGEST_COMPANY_LIMIT_PER_MINUTE,
      requestsResetAt: requests ? new Date(now + requests.msBeforeNext) : null,
      bytesToday: bytes?.consumedPoints ?? 0,
      byteLimitPerDay: this.config.INGEST_COMPANY_BYTES_PER_DAY,
      bytesResetAt: new Date(endsAt),
    };
  }
}
