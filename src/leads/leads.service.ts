import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Transaction } from 'sequelize';
import { actorOf, userIdOf, type AuthContext } from '../auth/auth-context.js';
import { Action, authorize, authorizeRecordChange } from '../auth/permissions.js';
import {
  BadUserInputException,
  NotFoundException,
  type FieldErrors,
} from '../common/errors/app.exception.js';
import { uniqueViolationOf } from '../common/errors/database-errors.js';
import { toFieldErrors, validated } from '../common/errors/validation.js';
import { DomainEvents } from '../common/events/domain-events.js';
import { created, diff, isEmpty } from '../common/events/diff.js';
import type { FieldChanges } from '../common/events/event-payload.js';
import type { Page } from '../common/pagination/page.js';
import { Listing } from '../common/records/listing.js';
import { Transactions } from '../database/transactions.js';
import { RateLimiters } from '../rate-limit/rate-limiters.js';
import { spendOn } from '../rate-limit/spend.js';
import { Assignments } from '../users/assignments.js';
import { CreateLeadInput } from './dto/create-lead.input.js';
import type { LeadFilter } from './dto/lead-filter.input.js';
import { LeadOrder } from './dto/lead-order.input.js';
import type { LeadsArgs } from './dto/leads.args.js';
import type { UpdateLeadInput } from './dto/update-lead.input.js';
import type { LeadExportQuery } from './dto/lead-export.query.js';
import type { SubmittedLead } from './dto/submitted-lead.js';
import { LEAD_EMAIL_INDEX, LeadException, LeadReason } from './lead.exception.js';
import { FillLeadFieldsInput } from './dto/fill-lead-fields.input.js';
import { emptyFieldsFilled, leadFields, leadValues } from './lead-values.js';
import { LeadEvents, type LeadFields } from './leads.events.js';
import { LeadsRepository } from './leads.repository.js';
import { LeadStatus } from './lead-status.enum.js';
import type { LeadRecord } from './lead.record.js';

export const MAX_BULK_LEADS = 1000;

type LeadEventName = (typeof LeadEvents)[keyof typeof LeadEvents];

@Injectable()
export class LeadsService {
  constructor(
    private readonly leads: LeadsRepository,
    private readonly assignments: Assignments,
    private readonly transactions: Transactions,
    private readonly events: DomainEvents,
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

  /** The company's live lead with this e-mail (any letter case), or null: how ingestion dedups. */
  findByEmail(auth: AuthContext, email: string): Promise<LeadRecord | null> {
    authorize(auth, Action.FindLeadByEmail);
    return this.leads.findLiveByEmail(auth.companyId, email);
  }

  /** Creates a lead by the rules every caller shares: e-mail unique, assignee a colleague, audited. */
  async create(auth: AuthContext, input: CreateLeadInput): Promise<LeadRecord> {
    authorize(auth, Action.CreateLeads);
    const assignedToId = await this.assignments.forNew(auth, input.assignedToId, 'leads');
    return this.writing(auth, input.email, (transaction) =>
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
    await this.publish(
      auth,
      LeadEvents.Created,
      [lead],
      [created<LeadFields>(values)],
      transaction,
    );
    return lead;
  }

  /**
   * Ingestion's create: the rules every create shares (authorized, e-mail unique — a taken one
   * answers EMAIL_TAKEN with the lead's id —, audited, `lead.created`), on values kept as the
   * sender sent them. `alongside` writes in the same transaction once the lead exists: the
   * submission is linked to its lead, or neither is written.
   */
  async createSubmitted(
    auth: AuthContext,
    values: SubmittedLead,
    assignedToId: string | null,
    alongside: (lead: LeadRecord, transaction: Transaction) => Promise<void>,
  ): Promise<LeadRecord> {
    authorize(auth, Action.CreateLeads);
    return this.writing(auth, values.email, async (transaction) => {
      const lead = await this.leads.create(
        { ...values, assignedToId, companyId: auth.companyId },
        transaction,
      );
      const { attribution: _attribution, ...tracked } = values;
      await this.publish(
        auth,
        LeadEvents.Created,
        [lead],
        [created<LeadFields>({ ...tracked, assignedToId })],
        transaction,
      );
      await alongside(lead, transaction);
      return lead;
    });
  }

  /**
   * A later submission of a lead's person: fills the lead's empty fields and nothing else (nothing
   * is overwritten), with `alongside` in the same transaction.
   */
  async mergeSubmitted(
    auth: AuthContext,
    id: string,
    values: SubmittedLead,
    alongside: (lead: LeadRecord, transaction: Transaction) => Promise<void>,
  ): Promise<LeadRecord> {
    authorize(auth, Action.FillEmptyLeadFields);
    return this.transactions.run(async (transaction) => {
      let lead = await this.lockedLead(auth, id, transaction);
      const filled = emptyFieldsFilled(lead, values);
      const changes = diff<LeadFields>(leadFields(lead), filled);
      // Attribution keys the lead does not have yet are added; none it has is replaced.
      const attribution = values.attribution
        ? { ...values.attribution, ...(lead.attribution ?? {}) }
        : lead.attribution;
      const attributionGrew =
        Object.keys(attribution ?? {}).length > Object.keys(lead.attribution ?? {}).length;
      if (!isEmpty(changes) || attributionGrew)
        lead = await this.leads.save(lead, { ...filled, attribution }, transaction);
      if (!isEmpty(changes))
        await this.publish(auth, LeadEvents.Updated, [lead], [changes], transaction);
      await alongside(lead, transaction);
      return lead;
    });
  }

  /** All or nothing: every row is checked first, and any problem is reported per row. */
  async createMany(auth: AuthContext, inputs: CreateLeadInput[]): Promise<LeadRecord[]> {
    authorize(auth, Action.ImportLeads);
    if (inputs.length === 0 || inputs.length > MAX_BULK_LEADS) {
      throw LeadException.forFields(
        LeadReason.BATCH_SIZE_OUT_OF_RANGE,
        `inputs must hold 1 to ${MAX_BULK_LEADS} leads`,
        {
          inputs: [`inputs must hold 1 to ${MAX_BULK_LEADS} leads`],
        },
      );
    }
    const rows = await this.validateRows(inputs);
    const assignees = await this.assignments.forNewMany(
      auth,
      rows.map((row) => row.assignedToId),
      'leads',
      (i) => `inputs.${i}.assignedToId`,
    );
    return this.writing(auth, '', async (transaction) => {
      await this.ensureEmailsFree(auth.companyId, rows, transaction);
      const values = rows.map((row, i) => ({ ...leadValues(row), assignedToId: assignees[i] }));
      const leads = await this.leads.createMany(
        values.map((v) => ({ ...v, companyId: auth.companyId })),
        transaction,
      );
      // One event for the batch: its listeners (audit) write once for all of them.
      await this.publish(
        auth,
        LeadEvents.Created,
        leads,
        values.map((v) => created<LeadFields>(v)),
        transaction,
      );
      return leads;
    });
  }

  async update(auth: AuthContext, input: UpdateLeadInput): Promise<LeadRecord> {
    return this.writing(auth, input.email ?? '', async (transaction) => {
      const lead = await this.liveLead(auth, input.id, transaction);
      authorizeRecordChange(auth, lead.assignedToId);
      const values = leadValues(input);
      const changes = diff<LeadFields>(leadFields(lead), values);
      if (isEmpty(changes)) return lead;
      if (changes.email && values.email)
        await this.ensureEmailFree(auth.companyId, values.email, transaction, lead.id);
      const saved = await this.leads.save(lead, values, transaction);
      await this.publish(auth, LeadEvents.Updated, [saved], [changes], transaction);
      return saved;
    });
  }

  /**
   * Sets those of the given fields that the lead has empty, and nothing else: what a repeated
   * submission of the same person may add (ingestion merges into the lead it found by e-mail).
   */
  async fillEmptyFields(
    auth: AuthContext,
    id: string,
    input: FillLeadFieldsInput,
  ): Promise<LeadRecord> {
    authorize(auth, Action.FillEmptyLeadFields);
    const values = await validated(FillLeadFieldsInput, input);
    return this.transactions.run(async (transaction) => {
      const lead = await this.lockedLead(auth, id, transaction);
      const filled = emptyFieldsFilled(lead, values);
      const changes = diff<LeadFields>(leadFields(lead), filled);
      if (isEmpty(changes)) return lead;
      const saved = await this.leads.save(lead, filled, transaction);
      await this.publish(auth, LeadEvents.Updated, [saved], [changes], transaction);
      return saved;
    });
  }

  /**
   * Marks a live lead the caller may change CONVERTED, inside the caller's transaction: the
   * deals pipeline converts a lead and creates its deal in one. Returns the lead as it was.
   */
  async convertIn(auth: AuthContext, id: string, transaction: Transaction): Promise<LeadRecord> {
    const lead = await this.liveLead(auth, id, transaction);
    authorizeRecordChange(auth, lead.assignedToId);
    if (lead.status === LeadStatus.CONVERTED) return lead;
    const changes = diff<LeadFields>(leadFields(lead), { status: LeadStatus.CONVERTED });
    const saved = await this.leads.save(lead, { status: LeadStatus.CONVERTED }, transaction);
    await this.publish(auth, LeadEvents.Updated, [saved], [changes], transaction);
    return lead;
  }

  /** MANAGER/ADMIN: give the lead to a user of the company, or to nobody with null. */
  async assign(auth: AuthContext, id: string, userId: string | null): Promise<LeadRecord> {
    authorize(auth, Action.WriteAnyRecord);
    return this.transactions.run(async (transaction) => {
      const lead = await this.liveLead(auth, id, transaction);
      if (userId) await this.assignments.requireColleague(auth, userId, 'userId');
      if (lead.assignedToId === userId) return lead;
      const changes = diff<LeadFields>(
        { assignedToId: lead.assignedToId },
        { assignedToId: userId },
      );
      const saved = await this.leads.save(lead, { assignedToId: userId }, transaction);
      await this.publish(auth, LeadEvents.Assigned, [saved], [changes], transaction);
      return saved;
    });
  }

  /** Soft delete: the lead and its interactions disappear from every list until restored. */
  async remove(auth: AuthContext, id: string): Promise<boolean> {
    return this.transactions.run(async (transaction) => {
      const lead = await this.liveLead(auth, id, transaction);
      authorizeRecordChange(auth, lead.assignedToId);
      const deletedAt = new Date();
      await this.leads.save(lead, { deletedAt }, transaction);
      const changes = { deletedAt: { from: null, to: deletedAt.toISOString() } };
      await this.publish(auth, LeadEvents.Removed, [lead], [changes], transaction);
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
        await this.ensureEmailFree(auth.companyId, lead.email, transaction, lead.id);
        const changes = { deletedAt: { from: lead.deletedAt.toISOString(), to: null } };
        const saved = await this.leads.save(lead, { deletedAt: null }, transaction);
        await this.publish(auth, LeadEvents.Restored, [saved], [changes], transaction);
        return saved;
      })
      .catch((error: unknown) => this.emailTaken(auth, error, email));
  }

  /** ADMIN: delete for good, with its interactions. */
  async purge(auth: AuthContext, id: string): Promise<boolean> {
    authorize(auth, Action.PurgeRecords);
    return this.transactions.run(async (transaction) => {
      const lead = await this.leads.findAny(auth.companyId, id, transaction);
      if (!lead) throw new NotFoundException('Lead', id);
      await this.leads.purge(lead, transaction);
      const changes = { email: { from: lead.email, to: null } };
      await this.publish(auth, LeadEvents.Purged, [lead], [changes], transaction);
      return true;
    });
  }

  /** A live lead the caller may read, locked for update, or NOT_FOUND. */
  private liveLead(auth: AuthContext, id: string, transaction: Transaction): Promise<LeadRecord> {
    authorize(auth, Action.ReadRecords);
    return this.lockedLead(auth, id, transaction);
  }

  /** A live lead of the caller's company, locked for update, or NOT_FOUND; the caller is authorized. */
  private async lockedLead(
    auth: AuthContext,
    id: string,
    transaction: Transaction,
  ): Promise<LeadRecord> {
    const lead = await this.leads.findLive(auth.companyId, id, transaction);
    if (!lead) throw new NotFoundException('Lead', id);
    return lead;
  }

  /** `filter: null` from a client means no filter, like leaving it out. */
  private readableFilter(auth: AuthContext, filter?: LeadFilter | null): LeadFilter {
    authorize(auth, Action.ReadRecords);
    if (filter?.includeDeleted) authorize(auth, Action.ReadDeletedRecords);
    return filter ?? {};
  }

  private async ensureEmailFree(
    companyId: string,
    email: string,
    transaction: Transaction,
    exceptId?: string,
  ): Promise<void> {
    const existing = await this.leads.findLiveByEmail(companyId, email, transaction);
    if (existing && existing.id !== exceptId) throw emailTakenBy(existing.id);
  }

  private async ensureEmailsFree(
    companyId: string,
    rows: CreateLeadInput[],
    transaction: Transaction,
  ): Promise<void> {
    const taken = await this.leads.findLiveByEmails(
      companyId,
      rows.map((r) => r.email),
      transaction,
    );
    if (taken.length === 0) return;
    const byEmail = new Map(taken.map((t) => [t.email.toLowerCase(), t.id]));
    const fields: FieldErrors = {};
    const existingLeadIds: Record<string, string> = {};
    rows.forEach((row, i) => {
      const id = byEmail.get(row.email);
      if (id) {
        fields[`inputs.${i}.email`] = [`email already belongs to lead ${id}`];
        existingLeadIds[String(i)] = id;
      }
    });
    throw new LeadException(LeadReason.EMAIL_TAKEN, `${taken.length} of the leads already exist`, {
      fields,
      existingLeadIds,
    });
  }

  /** A write in a transaction whose e-mail may be taken by a concurrent writer: same answer. */
  private writing<T>(
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
  private async emailTaken(auth: AuthContext, error: unknown, email: string): Promise<never> {
    if (uniqueViolationOf(error) !== LEAD_EMAIL_INDEX) throw error;
    const existing = email ? await this.leads.findLiveByEmail(auth.companyId, email) : null;
    throw emailTakenBy(existing?.id ?? null);
  }

  private async validateRows(inputs: CreateLeadInput[]): Promise<CreateLeadInput[]> {
    const rows = inputs.map((input) => plainToInstance(CreateLeadInput, input));
    const fields: FieldErrors = {};
    const seen = new Map<string, number>();
    for (const [i, row] of rows.entries()) {
      Object.assign(fields, toFieldErrors(await validate(row, { whitelist: true }), `inputs.${i}`));
      const first = seen.get(row.email);
      if (typeof row.email === 'string' && first !== undefined) {
        fields[`inputs.${i}.email`] = [`email repeats inputs.${first}.email`];
      } else if (typeof row.email === 'string') seen.set(row.email, i);
    }
    if (Object.keys(fields).length > 0) {
      throw new BadUserInputException(
        `${Object.keys(fields).length} invalid field(s); nothing was created`,
        fields,
      );
    }
    return rows;
  }

  /** One event for the leads of one operation; `changes[i]` belongs to `leads[i]`. */
  private publish(
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
