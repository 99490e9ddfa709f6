import { ConfigSlice } from '../config/config-slice.js';
import { IntVariable } from '../config/variable.decorators.js';

/**
 * Every budget RateLimiters counts (all instances together with Redis). They sit here, not in
 * the features that spend them, because rate-limit/ builds the limiters and imports no feature.
 */
export class RateLimitConfig extends ConfigSlice {
  static override readonly feature = 'rate-limit';

  /** Requests per minute per client IP across the whole API. */
  @IntVariable('requests per client IP per minute, the whole API', { min: 1 })
  RATE_LIMIT_PER_MINUTE = 1200;

  /** Login attempts per minute from one IP. */
  @IntVariable('login attempts per IP per minute', { min: 1 })
  LOGIN_LIMIT_PER_IP = 20;

  /** Failed logins per 15 minutes against one account (email) from one IP. */
  @IntVariable(
    'failed logins per account from one IP per 15 minutes (a success gives its attempt back)',
    { min: 1 },
  )
  LOGIN_LIMIT_PER_ACCOUNT = 10;

  /**
   * Failed logins per 15 minutes against one account from all IPs together: the ceiling on a
   * distributed guess. Higher than the per-IP budget, so one stranger cannot lock the owner out.
   */
  @IntVariable('failed logins per account from all IPs together per 15 minutes', { min: 1 })
  LOGIN_LIMIT_PER_ACCOUNT_ALL_IPS = 100;

  /** Sign-ups per hour from one IP: each costs an argon2 hash and a new company. */
  @IntVariable('sign-ups per IP per hour', { min: 1 })
  SIGNUP_LIMIT_PER_IP = 10;

  /** Lead submissions (POST /api/lead) per minute per API key, all instances together. */
  @IntVariable('lead submissions per API key per minute (tests and `pnpm bench` raise it)', {
    min: 1,
  })
  INGEST_RATE_LIMIT_PER_MINUTE = 600;

  /**
   * Lead submissions per minute per company, all its API keys and instances together: a company
   * with many keys (up to 100, each INGEST_RATE_LIMIT_PER_MINUTE) cannot multiply its rate.
   */
  @IntVariable(
    'lead submissions per company per minute, all its API keys together (`COMPANY_INGEST_BUDGET_SPENT` beyond)',
    { min: 1 },
  )
  INGEST_COMPANY_LIMIT_PER_MINUTE = 3000;

  /**
   * Bytes a company's lead submissions may store per UTC day, all its keys together: each is
   * charged what its rows take (body, jsonb copy, user agent, keys, a fixed per-row overhead: see
   * storedBytes), which is what bounds the journal's growth (with INGEST_RETENTION_DAYS). At least
   * what the largest body can be charged (maxStoredBytes of INGEST_BODY_LIMIT_BYTES).
   */
  @IntVariable(
    'bytes a company’s submissions may store per UTC day, each charged what its rows take; at least 13× `INGEST_BODY_LIMIT_BYTES` plus 4 437',
    { min: 1024 },
  )
  INGEST_COMPANY_BYTES_PER_DAY = 256 * 1024 * 1024;

  /** regenerateSummary calls per minute by one user. */
  @IntVariable('`regenerateSummary` calls per user per minute', { min: 1 })
  SUMMARY_LIMIT_PER_MINUTE = 10;

  /**
   * Calls to the AI provider (each attempt, retries included) per company per hour and per day,
   * and for all companies together: what a summary may cost, bounded whoever asks for it. All
   * instances count together through REDIS_URL.
   */
  @IntVariable(
    'calls to the AI provider (every attempt) per company per hour (`AI_BUDGET_SPENT` beyond)',
    { min: 1 },
  )
  AI_CALLS_PER_COMPANY_PER_HOUR = 100;

  @IntVariable('calls to the AI provider (every attempt) per company per day', { min: 1 })
  AI_CALLS_PER_COMPANY_PER_DAY = 1000;

  @IntVariable('calls to one `AI_BASE_URL` per hour, all companies together', { min: 1 })
  AI_CALLS_PER_HOUR = 1000;

  @IntVariable('calls to one `AI_BASE_URL` per day, all companies together', { min: 1 })
  AI_CALLS_PER_DAY = 10_000;

  /** CSV exports (leads and deals together) one user may start per hour. */
  @IntVariable('CSV exports (leads and deals together) one user may start per hour', { min: 1 })
  EXPORT_LIMIT_PER_HOUR = 30;

  /** recalculateAllScores calls per company per hour: each rewrites every score of the company. */
  @IntVariable('`recalculateAllScores` calls per company per hour', { min: 1 })
  SCORES_RECALCULATION_LIMIT_PER_HOUR = 12;

  /**
   * Statistics over a date range that miss the cache, per company per minute (all instances
   * together with Redis): each is an aggregate over the range's deals, so one company asking for
   * many ranges must not take the database from the others. Cached figures and the figures
   * without a range (deal_totals) are not counted.
   */
  @IntVariable(
    'deal statistics over a date range computed afresh (cache misses) per company per minute (`UNCACHED_STATS_LIMITED` beyond)',
    { min: 1 },
  )
  DEAL_STATS_UNCACHED_PER_MINUTE = 60;
}
