import { Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { RateLimitConfig } from './rate-limit.config.js';
import { InjectRedis } from '../redis/redis.module.js';

/**
 * The limiters, shared through Redis when it is configured so that every instance counts together;
 * in memory otherwise. While Redis does not answer, each instance counts in its own memory rather
 * than fail every request.
 */
@Injectable()
export class RateLimiters {
  readonly api: RateLimiterAbstract;
  readonly loginPerIp: RateLimiterAbstract;
  /** Failed logins per account and IP. */
  readonly loginPerAccount: RateLimiterAbstract;
  /** Failed logins per account, all IPs together. */
  readonly loginPerAccountAllIps: RateLimiterAbstract;
  readonly signUpPerIp: RateLimiterAbstract;
  /** Lead submissions per API key. */
  readonly ingestPerKey: RateLimiterAbstract;
  /** Lead submissions per company and minute, all its API keys together. */
  readonly ingestPerCompany: RateLimiterAbstract;
  /**
   * Bytes of lead submissions per company and UTC day: callers key it by company and date (see
   * ingestion-budget.ts), so the window is the calendar day, not 24 hours from the first byte.
   */
  readonly ingestBytesPerCompany: RateLimiterAbstract;
  /** Summaries generated per caller (regenerateSummary): each may be a paid call to the AI provider. */
  readonly summaryPerCaller: RateLimiterAbstract;
  /** Calls to the AI provider per company, per hour and per day (keyed by company). */
  readonly aiCallsPerCompanyHour: RateLimiterAbstract;
  readonly aiCallsPerCompanyDay: RateLimiterAbstract;
  /** Calls to the AI provider by every company together, per hour and per day (keyed by provider). */
  readonly aiCallsPerHour: RateLimiterAbstract;
  readonly aiCallsPerDay: RateLimiterAbstract;
  /** CSV exports per user (or company, for other callers), leads and deals together. */
  readonly exportPerUser: RateLimiterAbstract;
  /** recalculateAllScores per company. */
  readonly recalculationPerCompany: RateLimiterAbstract;
  /** Deal statistics over a date range computed afresh (cache misses) per company. */
  readonly uncachedStatsPerCompany: RateLimiterAbstract;

  constructor(config: RateLimitConfig, @InjectRedis() redis: Redis | null) {
    const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract =>
      redis
        ? new RateLimiterRedis({
            storeClient: redis,
            keyPrefix: `rl:${keyPrefix}`,
            points,
            duration,
            useRedisPackage: false,
            // ioredis queues commands while it reconnects; a request should not wait for that.
            rejectIfRedisNotReady: true,
            insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
          })
        : new RateLimiterMemory({ keyPrefix, points, duration });
    this.api = make('api', config.RATE_LIMIT_PER_MINUTE, 60);
    this.loginPerIp = make('login-ip', config.LOGIN_LIMIT_PER_IP, 60);
    this.loginPerAccount = make('login-account-ip', config.LOGIN_LIMIT_PER_ACCOUNT, 15 * 60);
    this.loginPerAccountAllIps = make(
      'login-account',
      config.LOGIN_LIMIT_PER_ACCOUNT_ALL_IPS,
      15 * 60,
    );
    this.signUpPerIp = make('signup-ip', config.SIGNUP_LIMIT_PER_IP, 60 * 60);
    this.ingestPerKey = make('ingest-key', config.INGEST_RATE_LIMIT_PER_MINUTE, 60);
    this.ingestPerCompany = make('ingest-company', config.INGEST_COMPANY_LIMIT_PER_MINUTE, 60);
    // A day's key outlives its day (it is first spent after midnight): the next day has its own.
    this.ingestBytesPerCompany = make(
      'ingest-company-bytes',
      config.INGEST_COMPANY_BYTES_PER_DAY,
      24 * 60 * 60,
    );
    this.summaryPerCaller = make('summary', config.SUMMARY_LIMIT_PER_MINUTE, 60);
    this.aiCallsPerCompanyHour = make(
      'ai-company-hour',
      config.AI_CALLS_PER_COMPANY_PER_HOUR,
      3600,
    );
    this.aiCallsPerCompanyDay = make('ai-company-day', config.AI_CALLS_PER_COMPANY_PER_DAY, 86_400);
    this.aiCallsPerHour = make('ai-hour', config.AI_CALLS_PER_HOUR, 3600);
    this.aiCallsPerDay = make('ai-day', config.AI_CALLS_PER_DAY, 86_400);
    this.exportPerUser = make('export', config.EXPORT_LIMIT_PER_HOUR, 60 * 60);
    this.recalculationPerCompany = make(
      'recalculation',
      config.SCORES_RECALCULATION_LIMIT_PER_HOUR,
      60 * 60,
    );
    this.uncachedStatsPerCompany = make('deal-stats', config.DEAL_STATS_UNCACHED_PER_MINUTE, 60);
  }
}
