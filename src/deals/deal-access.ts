import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context.js';
import { Action, authorize } from '../auth/permissions.js';
import { NotFoundException } from '../common/errors/app.exception.js';
import { DealsRepository } from './deals.repository.js';
import type { DealRecord } from './deal.record.js';

/**
 * What features built on deals (tasks, comments) ask before they attach something to a deal, as
 * LeadAccess answers for leads: another company's deal, or a removed one, is simply absent.
 */
@Injectable()
export class DealAccess {
  constructor(private readonly deals: DealsRepository) {}

  /** A live deal the caller may read, or NOT_FOUND. */
  async requireReadable(auth: AuthContext, id: string): Promise<DealRecord> {
    authorize(auth, Action.ReadRecords);
    const deal = await this.deals.findLive(auth.companyId, id);
    if (!deal) throw new NotFoundException('Deal', id);
    return deal;
  }
}
