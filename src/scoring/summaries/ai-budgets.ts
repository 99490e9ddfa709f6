import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { AiConfig } from '../ai.config.js';
import { RateLimiters } from '../../rate-limit/rate-limiters.js';
import { tryConsume } from '../../rate-limit/spend.js';
import { ScoringException, ScoringReason } from '../scoring.exception.js';

/**
 * What calls to the AI provider may cost: each call (every attempt, retries included) spends one
 * point of the company's hourly and daily budgets and of everyone's (AI_CALLS_PER_…), counted by
 * all instances together through Redis, in memory without it. The built-in summarizer spends none.
 */
@Injectable()
export class AiBudgets {
  /**
   * Everyone's budget is the provider's: all instances calling the same API root count together.
   * Hashed, because a URL may carry credentials and Redis keys are no place for them.
   */
  private readonly providerKey: string;

  constructor(
    private readonly limiters: RateLimiters,
    config: AiConfig,
  ) {
    this.providerKey = createHash('sha256').update(config.AI_BASE_URL).digest('hex').slice(0, 16);
  }

  /**
   * Spends one call of every budget, or none: refused by any, the points the others gave are
   * given back, so that a company over its own budget neither spends nor blocks everyone's.
   * Refuses with RATE_LIMITED / AI_BUDGET_SPENT and `retryAfter` (seconds).
   */
  async spendCall(companyId: string): Promise<void> {
    const budgets: { limiter: RateLimiterAbstract; key: string; whose: 'company' | 'everyone' }[] =
      [
        { limiter: this.limiters.aiCallsPerCompanyHour, key: companyId, whose: 'company' },
        { limiter: this.limiters.aiCallsPerCompanyDay, key: companyId, whose: 'company' },
        { limiter: this.limiters.aiCallsPerHour, key: this.providerKey, whose: 'everyone' },
        { limiter: this.limiters.aiCallsPerDay, key: this.providerKey, whose: 'everyone' },
      ];
    const spent = await Promise.allSettled(budgets.map((b) => tryConsume(b.limiter, b.key)));
    if (spent.every((r) => r.status === 'fulfilled' && r.value.allowed)) return;
    // Refused (or failed) somewhere: what the others took is given back.
    await Promise.all(
      budgets
        .filter((_, i) => {
          const r = spent[i];
          return r.status === 'fulfilled' && r.value.allowed;
        })
        .map(({ limiter, key }) => limiter.reward(key).catch(() => undefined)),
    );
    const failure = spent.find((r) => r.status === 'rejected');
    if (failure) throw failure.reason;
    const refused = spent.flatMap((r, i) =>
      r.status === 'fulfilled' && !r.value.allowed ? [{ ...budgets[i], ...r.value }] : [],
    );
    const waitMs = Math.max(...refused.map((r) => r.msBeforeNext));
    const company = refused.some((r) => r.whose === 'company');
    throw new ScoringException(
      ScoringReason.AI_BUDGET_SPENT,
      company
        ? "Your company's budget of AI summaries is spent for now; the lead keeps its summary. Retry later."
        : 'The budget of AI summaries is spent for now; the lead keeps its summary. Retry later.',
      { retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) },
    );
  }
}
