import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { Transaction } from 'sequelize';
import { userIdOf, type AuthContext } from '../auth/auth-context.js';
import { Action, authorize, authorizeRecordChange } from '../access/permissions.js';
import { NotFoundException } from '../common/errors/app.exception.js';
import { created, diff, isEmpty } from '../common/events/diff.js';
import type { Page } from '../common/pagination/page.js';
import { Listing } from '../common/records/listing.js';
import { Transactions } from '../database/transactions.js';
import { RateLimiters } from '../rate-limit/rate-limiters.js';
import { spendOn } from '../rate-limit/spend.js';
import { Assignments } from '../access/assignments.js';
import type { CreateLeadInput } from './dto/create-lead.input.js';
import type { LeadFilter } from './dto/lead-filter.input.js';
import { LeadOrder } from './dto/lead-order.input.js';
import type { LeadsArgs } from './dto/leads.args.js';
import type { UpdateLeadInput } from './dto/update-lead.input.js';
import type { LeadExportQuery } from './dto/lead-export.query.js';
import { leadValues } from './lead-values.js';
import { LeadWrites } from './lead-writes.js';
import { LeadEvents, type LeadFields } from './leads.events.js';
import { LeadsRepository } from './leads.repository.js';
import type { LeadRecord } from './lead.record.js';

/**
 * The leads a user works one at a time: the list (page, count, CSV), one lead, and the edits of the
 * GraphQL API — create, update, assign, remove, restore, purge. Ingestion and bulk import come in
 * through LeadIntakeService, a deal's conversion through LeadConversionService.
 */
@Injectable()
export class LeadsService {
  constructor(
    private readonly leads: LeadsRepository,
    private readonly writes: LeadWrites,
    private readonly assignments: Assignments,
    private readonly transactions: Transactions,
    private readonly limiters: RateLimiters,
  ) {}

  /** The leads list: what the caller may read (readableFilter), a page, its count, its CSV. */
  private readonly list = new Listing(this.leads.list, {
    readable: (auth: AuthContext, filter?: LeadFilter | null) => this.readableFilter(auth, filter),
    defaultOrder: () => new LeadOrder(),
  });

  page(auth: AuthContext, args: LeadsArgs): Promise<Page<LeadRecord>> {
    return this.list.page(auth, args);
  }

  /** Every lead matching the filter, as CSV, streamed. */
  exportCsv(auth: AuthContext, query: LeadExportQuery): Promise<Readable> {
    const owner = userIdOf(auth) ?? auth.companyId;
    return spendOn(this.limiters.exportPerUser, owner, () =>
      this.list.exportCsv(auth, query, owner),
    );
  }

  count(auth: AuthContext, filter?: LeadFilter | null): Promise<number> {
    return this.list.count(auth, filter);
  }

  /** A live lead of the caller's company, or null: another company's lead reads as missing. */
  findOne(auth: AuthContext, id: string): Promise<LeadRecord | null> {
    authorize(auth, Action.ReadRecords);
    return this.leads.findLive(auth.companyId, id);
  }

  /** Creates a lead by the rules every caller shares: e-mail unique, assignee a colleague, audited. */
  async create(auth: AuthContext, input: CreateLeadInput): Promise<LeadRecord> {
    authorize(auth, Action.CreateLeads);
    const assignedToId = await this.assignments.forNew(auth, input.assignedToId, 'leads');
    return this.writes.writing(auth, input.email, (transaction) =>
      this.createIn(auth, input, assignedToId, transaction),
    );
  }

  private async createIn(
    auth: AuthContext,
    input: CreateLeadInput,
    assignedToId: string | null,
    transaction: Transaction,
  ): Promise<LeadRecord> {
    // No SELECT first: the partial unique index decides, and writing() turns its violation into
    // EMAIL_TAKEN with the existing lead's id — one round trip fewer on every create.
    const values = { ...leadValues(input), assignedToId };
    const lead = await this.leads.create({ ...values, companyId: auth.companyId }, transaction);
    await this.writes.publish(
      auth,
      LeadEvents.Created,
      [lead],
      [created<LeadFields>(values)],
      transaction,
    );
    return lead;
  }

  async update(auth: AuthContext, input: UpdateLeadInput): Promise<LeadRecord> {
    return this.writes.writing(auth, input.email ?? '', async (transaction) => {
      const lead = await this.writes.live(auth, input.id, transaction);
      authorizeRecordChange(auth, lead.assignedToId);
      const values = leadValues(input);
      const changes = this.writes.changes(lead, values);
      if (isEmpty(changes)) return lead;
      if (changes.email && values.email)
        await this.writes.ensureEmailFree(auth.companyId, values.email, transaction, lead.id);
      const saved = await this.leads.save(lead, values, transaction);
      await this.writes.publish(auth, LeadEvents.Updated, [saved], [changes], transaction);
      return saved;
    });
  }

  /** MANAGER/ADMIN: give the lead to a user of the company, or to nobody with null. */
  async assign(auth: AuthContext, id: string, userId: string | null): Promise<LeadRecord> {
    authorize(auth, Action.WriteAnyRecord);
    return this.transactions.run(async (transaction) => {
      const lead = await this.writes.live(auth, id, transaction);
      if (userId) await this.assignments.requireColleague(auth, userId, 'userId');
      if (lead.assignedToId === userId) return lead;
      const changes = diff<LeadFields>(
        { assignedToId: lead.assignedToId },
        { assignedToId: userId },
      );
      const saved = await this.leads.save(lead, { assignedToId: userId }, transaction);
      await this.writes.publish(auth, LeadEvents.Assigned, [saved], [changes], transaction);
      return saved;
    });
  }

  /** Soft delete: the lead and its interactions disappear from every list until restored. */
  async remove(auth: AuthContext, id: string): Promise<boolean> {
    return this.transactions.run(async (transaction) => {
      const lead = await this.writes.live(auth, id, transaction);
      authorizeRecordChange(auth, lead.assignedToId);
      const deletedAt = new Date();
      await this.leads.save(lead, { deletedAt }, transaction);
      const changes = { deletedAt: { from: null, to: deletedAt.toISOString() } };
      await this.writes.publish(auth, LeadEvents.Removed, [lead], [changes], transaction);
      return true;
    });
  }

  async restore(auth: AuthContext, id: string): Promise<LeadRecord> {
    authorize(auth, Action.ReadDeletedRecords);
    let email = '';
    return this.transactions
      .run(async (transaction) => {
        const lead = await this.leads.findAny(auth.companyId, id, transaction);
        if (!lead) throw new NotFoundException('Lead', id);
        if (!lead.deletedAt) return lead;
        email = lead.email;
        await this.writes.ensureEmailFree(auth.companyId, lead.email, transaction, lead.id);
        const changes = { deletedAt: { from: lead.deletedAt.toISOString(), to: null } };
        const saved = await this.leads.save(lead, { deletedAt: null }, transaction);
        await this.writes.publish(auth, LeadEvents.Restored, [saved], [changes], transaction);
        return saved;
      })
      .catch((error: unknown) => this.writes.emailTaken(auth, error, email));
  }

  /** ADMIN: delete for good, with its interactions. */
  async purge(auth: AuthContext, id: string): Promise<boolean> {
    authorize(auth, Action.PurgeRecords);
    return this.transactions.run(async (transaction) => {
      const lead = await this.leads.findAny(auth.companyId, id, transaction);
      if (!lead) throw new NotFoundException('Lead', id);
      await this.leads.purge(lead, transaction);
      const changes = { email: { from: lead.email, to: null } };
      await this.writes.publish(auth, LeadEvents.Purged, [lead], [changes], transaction);
      return true;
    });
  }

  /** `filter: null` from a client means no filter, like leaving it out. */
  private readableFilter(auth: AuthContext, filter?: LeadFilter | null): LeadFilter {
    authorize(auth, Action.ReadRecords);
    if (filter?.includeDeleted) authorize(auth, Action.ReadDeletedRecords);
    return filter ?? {};
  }
}
