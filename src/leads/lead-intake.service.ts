import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Transaction } from 'sequelize';
import type { AuthContext } from '../auth/auth-context.js';
import { Action, authorize } from '../access/permissions.js';
import { Assignments } from '../access/assignments.js';
import { BadUserInputException, type FieldErrors } from '../common/errors/app.exception.js';
import { toFieldErrors, validated } from '../common/errors/validation.js';
import { created, isEmpty } from '../common/events/diff.js';
import { Transactions } from '../database/transactions.js';
import { CreateLeadInput } from './dto/create-lead.input.js';
import { FillLeadFieldsInput } from './dto/fill-lead-fields.input.js';
import type { SubmittedLead } from './dto/submitted-lead.js';
import { LeadException, LeadReason } from './lead.exception.js';
import { emptyFieldsFilled, leadValues } from './lead-values.js';
import { LeadWrites } from './lead-writes.js';
import { LeadEvents, type LeadFields } from './leads.events.js';
import { LeadsRepository } from './leads.repository.js';
import type { LeadRecord } from './lead.record.js';

export const MAX_BULK_LEADS = 1000;

/**
 * Leads arriving from outside a user's one-at-a-time edits: ingestion's submissions (found by
 * e-mail, created as sent, merged into by filling empty fields) and bulk import (all or nothing).
 * The same rules as every lead write (LeadWrites): e-mail unique, audited, the same events.
 */
@Injectable()
export class LeadIntakeService {
  constructor(
    private readonly leads: LeadsRepository,
    private readonly writes: LeadWrites,
    private readonly assignments: Assignments,
    private readonly transactions: Transactions,
  ) {}

  /** The company's live lead with this e-mail (any letter case), or null: how ingestion dedups. */
  findByEmail(auth: AuthContext, email: string): Promise<LeadRecord | null> {
    authorize(auth, Action.FindLeadByEmail);
    return this.leads.findLiveByEmail(auth.companyId, email);
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
    return this.writes.writing(auth, values.email, async (transaction) => {
      const lead = await this.leads.create(
        { ...values, assignedToId, companyId: auth.companyId },
        transaction,
      );
      const { attribution: _attribution, ...tracked } = values;
      await this.writes.publish(
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
      let lead = await this.writes.locked(auth, id, transaction);
      const filled = emptyFieldsFilled(lead, values);
      const changes = this.writes.changes(lead, filled);
      // Attribution keys the lead does not have yet are added; none it has is replaced.
      const attribution = values.attribution
        ? { ...values.attribution, ...(lead.attribution ?? {}) }
        : lead.attribution;
      const attributionGrew =
        Object.keys(attribution ?? {}).length > Object.keys(lead.attribution ?? {}).length;
      if (!isEmpty(changes) || attributionGrew)
        lead = await this.leads.save(lead, { ...filled, attribution }, transaction);
      if (!isEmpty(changes))
        await this.writes.publish(auth, LeadEvents.Updated, [lead], [changes], transaction);
      await alongside(lead, transaction);
      return lead;
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
      const lead = await this.writes.locked(auth, id, transaction);
      const filled = emptyFieldsFilled(lead, values);
      const changes = this.writes.changes(lead, filled);
      if (isEmpty(changes)) return lead;
      const saved = await this.leads.save(lead, filled, transaction);
      await this.writes.publish(auth, LeadEvents.Updated, [saved], [changes], transaction);
      return saved;
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
    return this.writes.writing(auth, '', async (transaction) => {
      await this.ensureEmailsFree(auth.companyId, rows, transaction);
      const values = rows.map((row, i) => ({ ...leadValues(row), assignedToId: assignees[i] }));
      const leads = await this.leads.createMany(
        values.map((v) => ({ ...v, companyId: auth.companyId })),
        transaction,
      );
      // One event for the batch: its listeners (audit) write once for all of them.
      await this.writes.publish(
        auth,
        LeadEvents.Created,
        leads,
        values.map((v) => created<LeadFields>(v)),
        transaction,
      );
      return leads;
    });
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
}
