import { Injectable } from '@nestjs/common';
import { EventPhase, type DomainEvent } from '../common/events/domain-event.js';
import { OnDomainEvent } from '../common/events/on-domain-event.decorator.js';
import { CompanyEvents } from '../companies/companies.events.js';
import { DealStatsRepository } from './deal-stats.repository.js';
import { DealEvents } from './deals.events.js';

const WRITES = [DealEvents.Created, DealEvents.Updated, DealEvents.Removed, DealEvents.Restored];
type Write = (typeof WRITES)[number] | typeof CompanyEvents.CurrencyChanged;

/**
 * Every write that changes what the statistics count (a deal created, changed, removed or
 * restored; the company's currency, which their totals are in) bumps the company's version in
 * its own transaction: the cached figures become unreachable exactly when the write commits.
 */
@Injectable()
export class DealStatsListener {
  constructor(private readonly stats: DealStatsRepository) {}

  @OnDomainEvent([...WRITES, CompanyEvents.CurrencyChanged], EventPhase.IN_TRANSACTION)
  async onWrite({ name, actor, transaction }: DomainEvent<Write>): Promise<void> {
    // Without a transaction or a company the cache could go stale unseen: fail the write instead.
    if (!transaction || !actor.companyId)
      throw new Error(`${name} without a transaction or a company: deal statistics would go stale`);
    await this.stats.bump(actor.companyId, transaction);
  }
}
