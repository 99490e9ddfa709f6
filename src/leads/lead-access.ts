import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import type { AuthContext } from '../auth/auth-context.js';
import { Action, authorize, authorizeRecordChange, can } from '../auth/permissions.js';
import { NotFoundException } from '../common/errors/app.exception.js';
import { ActorKind } from '../common/events/actor.js';
import { LeadsRepository, type LeadRef } from './leads.repository.js';

/**
 * What features built on leads ask before they touch a lead (interactions now; deals, tasks,
 * comments next): the one answer to "may this caller read / change these leads?". Batched: N ids
 * cost one statement. Another company's lead, or a removed one, is simply absent.
 */
@Injectable()
export class LeadAccess {
  constructor(private readonly leads: LeadsRepository) {}

  /** The ids among `ids` of live leads the caller may read. */
  async readable(auth: AuthContext, ids: readonly string[]): Promise<Set<string>> {
    if (!can(auth, Action.ReadRecords) || ids.length === 0) return new Set();
    const rows = await this.leads.refs(auth.companyId, ids);
    return new Set(rows.map((row) => row.id));
  }

  /** The ids among `ids` of live leads the caller may change (a SALES_REP: those assigned to them). */
  async changeable(auth: AuthContext, ids: readonly string[]): Promise<Set<string>> {
    if (!can(auth, Action.ReadRecords) || ids.length === 0) return new Set();
    const any = can(auth, Action.WriteAnyRecord);
    if (!any && !can(auth, Action.WriteAssignedRecord)) return new Set();
    const rows = await this.leads.refs(auth.companyId, ids);
    const mine = (row: LeadRef): boolean =>
      any || (auth.kind === ActorKind.USER && row.assignedToId === auth.userId);
    return new Set(rows.filter(mine).map((row) => row.id));
  }

  /**
   * A live lead the caller may read, or NOT_FOUND. Inside a transaction the lead is locked until
   * it ends, so it cannot be removed or reassigned under the work that depends on it.
   */
  async requireReadable(
    auth: AuthContext,
    id: string,
    transaction?: Transaction,
  ): Promise<LeadRef> {
    authorize(auth, Action.ReadRecords);
    const [lead] = await this.leads.refs(auth.companyId, [id], transaction);
    if (!lead) throw new NotFoundException('Lead', id);
    return lead;
  }

  /** The same, and FORBIDDEN unless the caller may change it. */
  async requireChangeable(
    auth: AuthContext,
    id: string,
    transaction: Transaction,
  ): Promise<LeadRef> {
    const lead = await this.requireReadable(auth, id, transaction);
    authorizeRecordChange(auth, lead.assignedToId);
    return lead;
  }
}
