import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { actorOf, type AuthContext } from '../auth/auth-context.js';
import { Action, authorize } from '../access/permissions.js';
import { NotFoundException } from '../common/errors/app.exception.js';
import { uniqueViolationOf } from '../common/errors/database-errors.js';
import { DomainEvents } from '../common/events/domain-events.js';
import { diff } from '../common/events/diff.js';
import type { FieldChanges } from '../common/events/event-payload.js';
import { Transactions } from '../database/transactions.js';
import { LEAD_EMAIL_INDEX, LeadException, LeadReason } from './lead.exception.js';
import { leadFields } from './lead-values.js';
import { LeadEvents, type LeadFields } from './leads.events.js';
import { LeadsRepository } from './leads.repository.js';
import type { LeadRecord } from './lead.record.js';

type LeadEventName = (typeof LeadEvents)[keyof typeof LeadEvents];

/**
 * The steps every write of a lead shares, whoever drives it (a user's edit, ingestion, a bulk
 * import, a deal's conversion): the locked live lead, the one e-mail rule, the one event shape.
 * Internal to leads/: the services built on it are what other features use.
 */
@Injectable()
export class LeadWrites {
  constructor(
    private readonly leads: LeadsRepository,
    private readonly transactions: Transactions,
    private readonly events: DomainEvents,
  ) {}

  /** A live lead the caller may read, locked for update, or NOT_FOUND. */
  live(auth: AuthContext, id: string, transaction: Transaction): Promise<LeadRecord> {
    authorize(auth, Action.ReadRecords);
    return this.locked(auth, id, transaction);
  }

  /** A live lead of the caller's company, locked for update, or NOT_FOUND; the caller is authorized. */
  async locked(auth: AuthContext, id: string, transaction: Transaction): Promise<LeadRecord> {
    const lead = await this.leads.findLive(auth.companyId, id, transaction);
    if (!lead) throw new NotFoundException('Lead', id);
    return lead;
  }

  /** The lead's tracked fields that `values` would change. */
  changes(lead: LeadRecord, values: Partial<LeadFields>): FieldChanges<LeadFields> {
    return diff<LeadFields>(leadFields(lead), values);
  }

  /** A write in a transaction whose e-mail may be taken by a concurrent writer: same answer. */
  writing<T>(
    auth: AuthContext,
    email: string,
    work: (transaction: Transaction) => Promise<T>,
  ): Promise<T> {
    return this.transactions
      .run(work)
      .catch((error: unknown) => this.emailTaken(auth, error, email));
  }

  /**
   * The one place the e-mail index's violation becomes EMAIL_TAKEN: after the rollback, the lead
   * that won the race is looked up to name it.
   */
  async emailTaken(auth: AuthContext, error: unknown, email: string): Promise<never> {
    if (uniqueViolationOf(error) !== LEAD_EMAIL_INDEX) throw error;
    const existing = email ? await this.leads.findLiveByEmail(auth.companyId, email) : null;
    throw emailTakenBy(existing?.id ?? null);
  }

  async ensureEmailFree(
    companyId: string,
    email: string,
    transaction: Transaction,
    exceptId?: string,
  ): Promise<void> {
    const existing = await this.leads.findLiveByEmail(companyId, email, transaction);
    if (existing && existing.id !== exceptId) throw emailTakenBy(existing.id);
  }

  /** One event for the leads of one operation; `changes[i]` belongs to `leads[i]`. */
  publish(
    auth: AuthContext,
    name: LeadEventName,
    leads: readonly LeadRecord[],
    changes: readonly FieldChanges<LeadFields>[],
    transaction: Transaction,
  ): Promise<void> {
    const records = leads.map((lead, i) => ({
      id: lead.id,
      assignedToId: lead.assignedToId,
      changes: changes[i],
    }));
    return this.events.publish(
      name,
      { entity: 'Lead', records },
      { actor: actorOf(auth), transaction },
    );
  }
}

function emailTakenBy(existingLeadId: string | null): LeadException {
  return new LeadException(LeadReason.EMAIL_TAKEN, 'A lead with this email already exists', {
    field: 'email',
    existingLeadId,
  });
}
