import { Injectable } from '@nestjs/common';
import { requireUser, type AuthContext } from '../auth/auth-context.js';
import { Action, authorize } from '../auth/permissions.js';
import { BadUserInputException } from '../common/errors/app.exception.js';
import { CompaniesService } from '../companies/companies.service.js';
import { RateLimitConfig } from '../rate-limit/rate-limit.config.js';
import { DealsConfig } from './deals.config.js';
import { RateLimiters } from '../rate-limit/rate-limiters.js';
import { spend } from '../rate-limit/spend.js';
import { SharedCache } from '../redis/shared-cache.js';
import { DealStage } from './deal-enums.js';
import { DealException, DealReason } from './deal.exception.js';
import {
  DealStatsRepository,
  type CreatedRange,
  type CurrencyOutcomeRow,
  type StageCurrencyRow,
} from './deal-stats.repository.js';
import type { DealStatsArgs } from './dto/deal-stats.args.js';
import type { MyDealsStats, PipelineStageStats } from './deal-stats.record.js';

/**
 * pipelineStats and myDealsStats, cached per company under the version of its deals that every
 * deal write bumps in its own transaction (DealStatsListener). The version is read first, so a
 * read that follows a committed write never finds a figure computed before it; a figure computed
 * while a write commits may hold that write already, which is fresher, never staler.
 *
 * A range is widened to whole UTC hours before it names the cache entry (rangeOf), so ranges that
 * differ by milliseconds share one figure; and a company may compute only
 * DEAL_STATS_UNCACHED_PER_MINUTE ranged figures afresh per minute (a miss is an aggregate over the
 * range's deals; a hit, and a figure without a range, cost nothing worth counting).
 */
@Injectable()
export class DealStatsService {
  constructor(
    private readonly stats: DealStatsRepository,
    private readonly companies: CompaniesService,
    private readonly cache: SharedCache,
    private readonly config: DealsConfig,
    private readonly limits: RateLimitConfig,
    private readonly limiters: RateLimiters,
  ) {}

  async pipeline(auth: AuthContext, args: DealStatsArgs): Promise<PipelineStageStats[]> {
    authorize(auth, Action.ReadRecords);
    const range = rangeOf(args);
    return this.cached(auth.companyId, ['pipeline', range], async () => {
      const { currency } = await this.companies.mine(auth);
      return pipelineOf(await this.stats.byStageAndCurrency(auth.companyId, range), currency);
    });
  }

  /** The caller's own deals: those assigned to them. */
  async mine(auth: AuthContext, args: DealStatsArgs): Promise<MyDealsStats> {
    authorize(auth, Action.ReadRecords);
    const { userId } = requireUser(auth);
    const range = rangeOf(args);
    return this.cached(auth.companyId, ['mine', userId, range], async () => {
      const { currency } = await this.companies.mine(auth);
      return outcomesOf(await this.stats.outcomesOf(auth.companyId, userId, range), currency);
    });
  }

  private async cached<T>(
    companyId: string,
    what: (string | CreatedRange)[],
    load: () => Promise<T>,
  ): Promise<T> {
    const version = await this.stats.version(companyId);
    const parts = what.map((p) =>
      typeof p === 'string' ? p : `${p.from?.toISOString() ?? ''}~${p.to?.toISOString() ?? ''}`,
    );
    const key = ['deal-stats', companyId, version, ...parts].join(':');
    const ranged = what.some((p) => typeof p !== 'string' && (p.from || p.to));
    return this.cache.get(key, this.config.DEAL_STATS_CACHE_TTL_SECONDS, async () => {
      // Only a miss reaches here (and concurrent misses of one key once): the aggregate is paid for.
      if (ranged) await this.spendUncached(companyId);
      return load();
    });
  }

  private spendUncached(companyId: string): Promise<void> {
    return spend(
      this.limiters.uncachedStatsPerCompany,
      companyId,
      (retryAfter) =>
        new DealException(
          DealReason.UNCACHED_STATS_LIMITED,
          `Your company computed ${this.limits.DEAL_STATS_UNCACHED_PER_MINUTE} statistics over new ranges this minute; retry later, or reuse a range`,
          { retryAfter },
        ),
    );
  }
}

const HOUR_MS = 3_600_000;

/**
 * The range as counted and cached: createdFrom down and createdTo up to whole UTC hours (companies
 * have no time zone of their own yet), so that a new millisecond is not a new aggregate.
 */
export function rangeOf({ createdFrom, createdTo }: DealStatsArgs): CreatedRange {
  if (createdFrom && createdTo && createdFrom >= createdTo)
    throw BadUserInputException.forField('createdTo', 'createdTo must be after createdFrom');
  return {
    from: createdFrom && new Date(Math.floor(createdFrom.getTime() / HOUR_MS) * HOUR_MS),
    to: createdTo && new Date(Math.ceil(createdTo.getTime() / HOUR_MS) * HOUR_MS),
  };
}

const ZERO = '0.00';

/** Every stage, in pipeline order, those without deals as zeros. */
export function pipelineOf(
  rows: readonly StageCurrencyRow[],
  currency: string,
): PipelineStageStats[] {
  return Object.values(DealStage).map((stage) => {
    const groups = rows.filter((r) => r.stage === stage);
    const count = groups.reduce((n, r) => n + r.count, 0);
    const scoreSum = groups.reduce((n, r) => n + r.scoreSum, 0);
    return {
      stage,
      count,
      totalValue: groups.find((r) => r.currency === currency)?.totalValue ?? ZERO,
      avgLeadScore: count === 0 ? 0 : Math.round((scoreSum / count) * 100) / 100,
      otherCurrencies: groups
        .filter((r) => r.currency !== currency)
        .map((r) => ({ currency: r.currency, totalValue: r.totalValue }))
        .sort((a, b) => a.currency.localeCompare(b.currency)),
    };
  });
}

export function outcomesOf(rows: readonly CurrencyOutcomeRow[], currency: string): MyDealsStats {
  const sum = (field: 'open' | 'won' | 'lost'): number => rows.reduce((n, r) => n + r[field], 0);
  const [open, won, lost] = [sum('open'), sum('won'), sum('lost')];
  const home = rows.find((r) => r.currency === currency);
  return {
    open,
    won,
    lost,
    totalValue: home?.totalValue ?? ZERO,
    wonValue: home?.wonValue ?? ZERO,
    winRate: won + lost === 0 ? null : won / (won + lost),
    currency,
    otherCurrencies: rows
      .filter((r) => r.currency !== currency)
      .map(({ currency: c, totalValue, wonValue }) => ({ currency: c, totalValue, wonValue }))
      .sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}
