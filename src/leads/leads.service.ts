import { Injectable, Logger } from '@nestjs/common';
import { pipeline, type Readable } from 'node:stream';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Transaction } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { actorOf, type AuthContext } from '../auth/auth-context.js';
import { Action, authorize, authorizeRecordChange, can } from '../auth/permissions.js';
import {
  BadUserInputException,
  ConflictException,
  ForbiddenException,
  NotFoundException,
  type FieldErrors,
} from '../common/errors/app.exception.js';
import { toFieldErrors } from '../common/errors/validation.js';
import { DomainEvent } from '../common/events/domain-event.js';
import { DomainEvents } from '../common/events/domain-events.js';
import { created, diff } from '../common/events/diff.js';
import { pageSize } from '../common/pagination/cursor.js';
import { toPage, type Page } from '../common/pagination/page.js';
import { UsersRepository } from '../users/users.repository.js';
import { CreateLeadInput } from './dto/create-lead.input.js';
import type { LeadFilter } from './dto/lead-filter.input.js';
import { LeadOrder } from './dto/lead-order.input.js';
import type { LeadsArgs } from './dto/leads.args.js';
import type { UpdateLeadInput } from './dto/update-lead.input.js';
import type { LeadExportQuery } from './dto/lead-export.query.js';
import { CrlfRecords } from './lead-csv.js';
import { auditedFields, leadValues } from './lead-values.js';
import { LeadEvents } from './leads.events.js';
import { DuplicateLeadEmailError, LeadsRepository, leadKeyset } from './leads.repository.js';
import type { Lead, LeadRecord } from './models/lead.model.js';

export const MAX_BULK_LEADS = 1000;

@Injectable()
export class LeadsService {
  private readonly logger = new Logger(LeadsService.name);

  constructor(
    private readonly leads: LeadsRepository,
    private readonly users: UsersRepository,
    private readonly sequelize: Sequelize,
    private readonly events: DomainEvents,
  ) {}

  async page(auth: AuthContext, args: LeadsArgs): Promise<Page<LeadRecord>> {
    const filter = this.readableFilter(auth, args.filter);
    const order = args.orderBy ?? new LeadOrder();
    const limit = pageSize(args.first);
    const keyset = leadKeyset(order.field, order.direction);
    const rows = await this.leads.page({
      companyId: auth.companyId,
      filter,
      orderBy: order.field,
      direction: order.direction,
      limit: limit + 1,
      after: args.after ? keyset.decode(args.after) : undefined,
    });
    return toPage(rows, limit, (row) => keyset.cursorOf(row));
  }

  /** Every lead matching the filter, as CSV, streamed. */
  async exportCsv(auth: AuthContext, query: LeadExportQuery): Promise<Readable> {
    const { orderBy, direction, ...filter } = query;
    const csv = await this.leads.copyCsv({
      companyId: auth.companyId,
      filter: this.readableFilter(auth, filter),
      orderBy,
      direction,
    });
    // A client hanging up destroys the pipeline, which ends the COPY and frees the connection.
    // A failure after the first bytes cannot become an error status any more: the answer is cut
    // short, and the log says why.
    return pipeline(csv, new CrlfRecords(), (error) => {
      if (error && error.code !== 'ERR_STREAM_PREMATURE_CLOSE')
        this.logger.error(`lead export failed midway: ${error.message}`);
    });
  }

  count(auth: AuthContext, filter?: LeadFilter | null): Promise<number> {
    return this.leads.count(auth.companyId, this.readableFilter(auth, filter));
  }

  /** A live lead of the caller's company, or null: another company's lead reads as missing. */
  findOne(auth: AuthContext, id: string): Promise<Lead | null> {
    authorize(auth, Action.ReadRecords);
    return this.leads.findLive(auth.companyId, id);
  }

  async create(auth: AuthContext, input: CreateLeadInput): Promise<Lead> {
    authorize(auth, Action.CreateRecords);
    const assignedToId = await this.assigneeForNewLead(auth, input.assignedToId);
    return this.sequelize.transaction(async (transaction) => {
      await this.ensureEmailFree(auth.companyId, input.email, transaction);
      const values = { ...leadValues(input), assignedToId };
      const lead = await this.writeLead(
        () => this.leads.create({ ...values, companyId: auth.companyId }, transaction),
        input.email,
        auth,
      );
      await this.publish(auth, LeadEvents.Created, lead, created(values), transaction);
      return lead;
    });
  }

  /** All or nothing: every row is checked first, and any problem is reported per row. */
  async createMany(auth: AuthContext, inputs: CreateLeadInput[]): Promise<Lead[]> {
    authorize(auth, Action.CreateRecords);
    if (inputs.length === 0 || inputs.length > MAX_BULK_LEADS) {
      throw BadUserInputException.forField(
        'inputs',
        `inputs must hold 1 to ${MAX_BULK_LEADS} leads`,
      );
    }
    const rows = await this.validateRows(inputs);
    const assignees = await this.assigneesForNewLeads(auth, rows);
    return this.sequelize.transaction(async (transaction) => {
      const taken = await this.leads.findLiveByEmails(
        auth.companyId,
        rows.map((r) => r.email),
        transaction,
      );
      if (taken.length > 0) {
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
        throw new ConflictException(`${taken.length} of the leads already exist`, {
          fields,
          existingLeadIds,
        });
      }
      const fields = rows.map((row, i) => ({ ...leadValues(row), assignedToId: assignees[i] }));
      const leads = await this.writeLead(
        () =>
          this.leads.createMany(
            fields.map((f) => ({ ...f, companyId: auth.companyId })),
            transaction,
          ),
        '',
        auth,
      );
      for (const [i, lead] of leads.entries()) {
        await this.publish(auth, LeadEvents.Created, lead, created(fields[i]), transaction);
      }
      return leads;
    });
  }

  async update(auth: AuthContext, input: UpdateLeadInput): Promise<Lead> {
    return this.sequelize.transaction(async (transaction) => {
      const lead = await this.liveLead(auth, input.id, transaction);
      authorizeRecordChange(auth, lead.assignedToId);
      const values = leadValues(input);
      const changes = diff(auditedFields(lead), values);
      if (Object.keys(changes).length === 0) return lead;
      if (changes.email && values.email)
        await this.ensureEmailFree(auth.companyId, values.email, transaction, lead.id);
      await this.writeLead(
        () => this.leads.save(lead, values, transaction),
        values.email ?? '',
        auth,
      );
      await this.publish(auth, LeadEvents.Updated, lead, changes, transaction);
      return lead;
    });
  }

  /** MANAGER/ADMIN: give the lead to a user of the company, or to nobody with null. */
  async assign(auth: AuthContext, id: string, userId: string | null): Promise<Lead> {
    authorize(auth, Action.WriteAnyRecord);
    return this.sequelize.transaction(async (transaction) => {
      const lead = await this.liveLead(auth, id, transaction);
      if (userId) await this.activeColleague(auth, userId, 'userId');
      if (lead.assignedToId === userId) return lead;
      const changes = diff({ assignedToId: lead.assignedToId }, { assignedToId: userId });
      await this.leads.save(lead, { assignedToId: userId }, transaction);
      await this.publish(auth, LeadEvents.Assigned, lead, changes, transaction);
      return lead;
    });
  }

  /** Soft delete: the lead and its interactions disappear from every list until restored. */
  async remove(auth: AuthContext, id: string): Promise<boolean> {
    return this.sequelize.transaction(async (transaction) => {
      const lead = await this.liveLead(auth, id, transaction);
      authorizeRecordChange(auth, lead.assignedToId);
      const deletedAt = new Date();
      await this.leads.save(lead, { deletedAt }, transaction);
      await this.publish(
        auth,
        LeadEvents.Removed,
        lead,
        { deletedAt: { from: null, to: deletedAt.toISOString() } },
        transaction,
      );
      return true;
    });
  }

  async restore(auth: AuthContext, id: string): Promise<Lead> {
    authorize(auth, Action.ReadDeletedRecords);
    return this.sequelize.transaction(async (transaction) => {
      const lead = await this.leads.findAny(auth.companyId, id, transaction);
      if (!lead) throw new NotFoundException('Lead', id);
      if (!lead.deletedAt) return lead;
      await this.ensureEmailFree(auth.companyId, lead.email, transaction, lead.id);
      const changes = { deletedAt: { from: lead.deletedAt.toISOString(), to: null } };
      await this.writeLead(
        () => this.leads.save(lead, { deletedAt: null }, transaction),
        lead.email,
        auth,
      );
      await this.publish(auth, LeadEvents.Restored, lead, changes, transaction);
      return lead;
    });
  }

  /** ADMIN: delete for good, with its interactions. */
  async purge(auth: AuthContext, id: string): Promise<boolean> {
    authorize(auth, Action.PurgeRecords);
    return this.sequelize.transaction(async (transaction) => {
      const lead = await this.leads.findAny(auth.companyId, id, transaction);
      if (!lead) throw new NotFoundException('Lead', id);
      await this.leads.purge(lead, transaction);
      await this.publish(
        auth,
        LeadEvents.Purged,
        lead,
        { email: { from: lead.email, to: null } },
        transaction,
      );
      return true;
    });
  }

  /** For interactions: a live lead the caller may read, or NOT_FOUND. */
  async liveLead(auth: AuthContext, id: string, transaction?: Transaction): Promise<Lead> {
    authorize(auth, Action.ReadRecords);
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

  /** A SALES_REP's new leads are theirs; managers may pick any active colleague, or nobody. */
  private async assigneeForNewLead(
    auth: AuthContext,
    requested: string | null | undefined,
  ): Promise<string | null> {
    if (!can(auth.role, Action.WriteAnyRecord)) {
      if (requested && requested !== auth.userId) {
        throw new ForbiddenException('A SALES_REP’s new leads are assigned to themselves');
      }
      return auth.userId;
    }
    if (!requested) return null;
    await this.activeColleague(auth, requested, 'assignedToId');
    return requested;
  }

  /** The same rule for a batch, checking each distinct assignee once. */
  private async assigneesForNewLeads(
    auth: AuthContext,
    rows: CreateLeadInput[],
  ): Promise<(string | null)[]> {
    if (!can(auth.role, Action.WriteAnyRecord)) {
      return Promise.all(rows.map((row) => this.assigneeForNewLead(auth, row.assignedToId)));
    }
    const requested = [
      ...new Set(rows.map((r) => r.assignedToId).filter((id): id is string => Boolean(id))),
    ];
    const active = new Set(
      (await this.users.findActiveInCompany(auth.companyId, requested)).map((u) => u.id),
    );
    const fields: FieldErrors = {};
    rows.forEach((row, i) => {
      if (row.assignedToId && !active.has(row.assignedToId)) {
        fields[`inputs.${i}.assignedToId`] = ['assignedToId is not an active user of your company'];
      }
    });
    if (Object.keys(fields).length > 0)
      throw new BadUserInputException('Unknown assignees; nothing was created', fields);
    return rows.map((row) => row.assignedToId ?? null);
  }

  private async activeColleague(auth: AuthContext, userId: string, field: string): Promise<void> {
    const user = await this.users.findInCompany(auth.companyId, userId);
    if (!user || !user.isActive)
      throw BadUserInputException.forField(field, `${field} is not an active user of your company`);
  }

  private async ensureEmailFree(
    companyId: string,
    email: string,
    transaction: Transaction,
    exceptId?: string,
  ): Promise<void> {
    const existing = await this.leads.findLiveByEmail(companyId, email, transaction);
    if (existing && existing.id !== exceptId) {
      throw new ConflictException('A lead with this email already exists', {
        field: 'email',
        existingLeadId: existing.id,
      });
    }
  }

  /** A concurrent writer can still take the email between the check and the write: same answer. */
  private async writeLead<T>(
    write: () => Promise<T>,
    email: string,
    auth: AuthContext,
  ): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!(error instanceof DuplicateLeadEmailError)) throw error;
      const existing = email ? await this.leads.findLiveByEmail(auth.companyId, email) : null;
      throw new ConflictException('A lead with this email already exists', {
        field: 'email',
        existingLeadId: existing?.id ?? null,
      });
    }
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

  private publish(
    auth: AuthContext,
    name: string,
    lead: Lead,
    changes: Record<string, unknown>,
    transaction: Transaction,
  ): Promise<void> {
    return this.events.publish(
      new DomainEvent(name, actorOf(auth), { type: 'Lead', id: lead.id }, changes, transaction),
    );
  }
}
