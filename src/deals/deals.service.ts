import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { Transaction } from 'sequelize';
import { AccessService } from '../access/access.service.js';
import { RecordPermission } from '../access/record-permission.js';
import { actorOf, userIdOf, type AuthContext } from '../auth/auth-context.js';
import { Action, authorize, authorizeRecordChange, bulkReach } from '../access/permissions.js';
import { BadUserInputException, NotFoundException } from '../common/errors/app.exception.js';
import { created, definedOnly, diff, isEmpty } from '../common/events/diff.js';
import { DomainEvents } from '../common/events/domain-events.js';
import type { FieldChanges } from '../common/events/event-payload.js';
import type { Page } from '../common/pagination/page.js';
import { Listing } from '../common/records/listing.js';
import { CompaniesService } from '../companies/companies.service.js';
import { Transactions } from '../database/transactions.js';
import { RateLimiters } from '../rate-limit/rate-limiters.js';
import { spendOn } from '../rate-limit/spend.js';
import { LeadConversionService } from '../leads/lead-conversion.service.js';
import { dealLeadScore } from '../scoring/deal-score.js';
import { Assignments } from '../access/assignments.js';
import { CLOSED_STAGES, DealPriority, DealStage } from './deal-enums.js';
import { DealEvents, type DealFields } from './deals.events.js';
import { DealsRepository, type BulkChanged, type BulkOutcome } from './deals.repository.js';
import type { BulkUpdateDealsInput } from './dto/bulk-update-deals.input.js';
import type { ConvertLeadToDealInput } from './dto/convert-lead-to-deal.input.js';
import type { CreateDealInput } from './dto/create-deal.input.js';
import type { DealExportQuery } from './dto/deal-export.query.js';
import type { DealFilter } from './dto/deal-filter.input.js';
import { DealOrder } from './dto/deal-order.input.js';
import type { DealsArgs } from './dto/deals.args.js';
import type { UpdateDealInput } from './dto/update-deal.input.js';
import type { BulkSkipReason } from './bulk-deals-result.type.js';
import type { DealRecord } from './deal.record.js';

type DealEventName = (typeof DealEvents)[keyof typeof DealEvents];

/** What a bulk operation did: how many deals it changed, and why it left each other id alone. */
export interface BulkResult {
  count: number;
  skipped: { id: string; reason: BulkSkipReason }[];
}

/** The fields the score is computed from, always from the row as it will be written. */
type Scored = Pick<DealRecord, 'value' | 'stage' | 'priority' | 'leadSource'>;

/** closed_at: set when a deal enters a closed stage, kept while it stays in it, cleared when it leaves. */
function closedAtFor(
  stage: DealStage,
  before: Pick<DealRecord, 'stage' | 'closedAt'> | null,
): Date | null {
  if (!CLOSED_STAGES.has(stage)) return null;
  return before && before.stage === stage && before.closedAt ? before.closedAt : new Date();
}

function fieldsOf(deal: DealRecord): Partial<DealFields> {
  return {
    title: deal.title,
    value: deal.value,
    currency: deal.currency,
    stage: deal.stage,
    priority: deal.priority,
    leadScore: deal.leadScore,
    leadSource: deal.leadSource,
    expectedCloseDate: deal.expectedCloseDate,
    closedAt: deal.closedAt?.toISOString() ?? null,
    notes: deal.notes,
    leadId: deal.leadId,
    assignedToId: deal.assignedToId,
  };
}

@Injectable()
export class DealsService {
  constructor(
    private readonly deals: DealsRepository,
    private readonly companies: CompaniesService,
    private readonly access: AccessService,
    private readonly leadConversion: LeadConversionService,
    private readonly assignments: Assignments,
    private readonly transactions: Transactions,
    private readonly events: DomainEvents,
    private readonly limiters: RateLimiters,
  ) {}

  /** The deals list: what the caller may read (readableFilter), a page, its count, its CSV. */
  private readonly list = new Listing(this.deals.list, {
    readable: (auth: AuthContext, filter?: DealFilter | null) => this.readableFilter(auth, filter),
    defaultOrder: () => new DealOrder(),
  });

  page(auth: AuthContext, args: DealsArgs): Promise<Page<DealRecord>> {
    return this.list.page(auth, args);
  }

  /** Every deal the filter matches, as CSV streamed by PostgreSQL (see CsvExport). */
  exportCsv(auth: AuthContext, query: DealExportQuery): Promise<Readable> {
    const owner = userIdOf(auth) ?? auth.companyId;
    return spendOn(this.limiters.exportPerUser, owner, () =>
      this.list.exportCsv(auth, query, owner),
    );
  }

  count(auth: AuthContext, filter?: DealFilter | null): Promise<number> {
    return this.list.count(auth, filter);
  }

  /** A live deal of the caller's company, or null: another company's deal reads as missing. */
  findOne(auth: AuthContext, id: string): Promise<DealRecord | null> {
    authorize(auth, Action.ReadRecords);
    return this.deals.findLive(auth.companyId, id);
  }

  async create(auth: AuthContext, input: CreateDealInput): Promise<DealRecord> {
    authorize(auth, Action.CreateRecords);
    const assignedToId = await this.assignments.forNew(auth, input.assignedToId, 'deals');
    const currency = input.currency ?? (await this.companies.mine(auth)).currency;
    return this.transactions.run(async (transaction) => {
      // As an interaction of the lead would: a lead the caller may change.
      if (input.leadId)
        await this.access.requireOne(auth, RecordPermission.ChangeLead, input.leadId, transaction);
      return this.createIn(auth, { ...input, assignedToId, currency }, transaction);
    });
  }

  /**
   * The lead CONVERTED and its deal created, in one transaction: what the input leaves out comes
   * from the lead (its name as the title, its budget as the value, its source and its assignee).
   */
  async convertLead(
    auth: AuthContext,
    leadId: string,
    input: ConvertLeadToDealInput,
  ): Promise<DealRecord> {
    authorize(auth, Action.CreateRecords);
    const currency = input.currency ?? (await this.companies.mine(auth)).currency;
    return this.transactions.run(async (transaction) => {
      const lead = await this.leadConversion.convertIn(auth, leadId, transaction);
      const assignedToId =
        input.assignedToId === undefined
          ? lead.assignedToId
          : await this.assignments.forNew(auth, input.assignedToId, 'deals');
      return this.createIn(
        auth,
        {
          ...input,
          title: input.title ?? `${lead.firstName} ${lead.lastName}`,
          value: input.value === undefined ? lead.budget : input.value,
          leadSource: input.leadSource === undefined ? lead.source : input.leadSource,
          leadId: lead.id,
          assignedToId,
          currency,
        },
        transaction,
      );
    });
  }

  private async createIn(
    auth: AuthContext,
    input: CreateDealInput & { currency: string; assignedToId: string | null },
    transaction: Transaction,
  ): Promise<DealRecord> {
    const scored: Scored = {
      value: input.value ?? null,
      stage: input.stage ?? DealStage.LEAD,
      priority: input.priority ?? DealPriority.MEDIUM,
      leadSource: input.leadSource ?? null,
    };
    const deal = await this.deals.create(
      {
        ...scored,
        companyId: auth.companyId,
        title: input.title,
        currency: input.currency,
        leadScore: dealLeadScore(scored),
        expectedCloseDate: input.expectedCloseDate ?? null,
        closedAt: closedAtFor(scored.stage, null),
        notes: input.notes ?? null,
        leadId: input.leadId ?? null,
        assignedToId: input.assignedToId,
        createdById: userIdOf(auth),
      },
      transaction,
    );
    const changes = created<DealFields>(fieldsOf(deal));
    await this.publish(auth, DealEvents.Created, deal, changes, transaction);
    if (deal.assignedToId && deal.assignedToId !== userIdOf(auth))
      await this.publish(
        auth,
        DealEvents.Assigned,
        deal,
        { assignedToId: { from: null, to: deal.assignedToId } },
        transaction,
      );
    return deal;
  }

  /**
   * A partial change by the record rules (a SALES_REP changes only their own deals, and cannot
   * give them away); the score is computed again from the deal as it will be, in the same
   * statement's transaction that holds its row.
   */
  async update(auth: AuthContext, input: UpdateDealInput): Promise<DealRecord> {
    return this.transactions.run(async (transaction) => {
      const deal = await this.liveDeal(auth, input.id, transaction);
      authorizeRecordChange(auth, deal.assignedToId);
      const { id: _, ...given } = input;
      const wanted = definedOnly(given);
      if (wanted.assignedToId !== undefined && wanted.assignedToId !== deal.assignedToId)
        await this.assignments.checkReassignment(auth, wanted.assignedToId, 'deals');
      if (wanted.leadId && wanted.leadId !== deal.leadId)
        await this.access.requireOne(auth, RecordPermission.ChangeLead, wanted.leadId, transaction);
      const next = { ...deal, ...wanted };
      const values: Partial<DealRecord> = {
        ...wanted,
        leadScore: dealLeadScore(next),
        closedAt: closedAtFor(next.stage, deal),
      };
      const before = fieldsOf(deal);
      const changes = diff<DealFields>(before, fieldsOf({ ...next, ...values }));
      if (isEmpty(changes)) return deal;
      const saved = await this.deals.save(deal, values, transaction);
      await this.publish(auth, DealEvents.Updated, saved, changes, transaction);
      // Each with only what it is about: deal.updated carries (and audits) the whole change.
      if (changes.stage)
        await this.publish(
          auth,
          DealEvents.StageChanged,
          saved,
          { stage: changes.stage },
          transaction,
        );
      if (changes.assignedToId && saved.assignedToId && saved.assignedToId !== userIdOf(auth))
        await this.publish(
          auth,
          DealEvents.Assigned,
          saved,
          { assignedToId: changes.assignedToId },
          transaction,
        );
      return saved;
    });
  }

  async remove(auth: AuthContext, id: string): Promise<boolean> {
    return this.transactions.run(async (transaction) => {
      const deal = await this.liveDeal(auth, id, transaction);
      authorizeRecordChange(auth, deal.assignedToId);
      const deletedAt = new Date();
      const saved = await this.deals.save(deal, { deletedAt }, transaction);
      const changes = { deletedAt: { from: null, to: deletedAt.toISOString() } };
      await this.publish(auth, DealEvents.Removed, saved, changes, transaction);
      return true;
    });
  }

  async restore(auth: AuthContext, id: string): Promise<DealRecord> {
    authorize(auth, Action.ReadDeletedRecords);
    return this.transactions.run(async (transaction) => {
      const deal = await this.deals.findAny(auth.companyId, id, transaction);
      if (!deal) throw new NotFoundException('Deal', id);
      if (!deal.deletedAt) return deal;
      const saved = await this.deals.save(deal, { deletedAt: null }, transaction);
      const changes = { deletedAt: { from: deal.deletedAt.toISOString(), to: null } };
      await this.publish(auth, DealEvents.Restored, saved, changes, transaction);
      return saved;
    });
  }

  /**
   * The same stage, priority or assignee for many deals, in one statement: a SALES_REP's reach
   * only the deals assigned to them (the others come back skipped, with why), and may not give
   * any away. Each deal is rescored, audited and announced as a single update would be.
   */
  async bulkUpdate(
    auth: AuthContext,
    ids: readonly string[],
    input: BulkUpdateDealsInput,
  ): Promise<BulkResult> {
    authorize(auth, Action.WriteAssignedRecord);
    const change = definedOnly({ ...input });
    if (Object.keys(change).length === 0)
      throw new BadUserInputException('Give at least one of stage, priority and assignedToId');
    const onlyOf = bulkReach(auth);
    if (change.assignedToId !== undefined && change.assignedToId !== onlyOf)
      await this.assignments.checkReassignment(auth, change.assignedToId, 'deals');
    return this.transactions.run(async (transaction) => {
      const outcomes = await this.deals.bulkUpdate(
        auth.companyId,
        ids,
        change,
        onlyOf,
        transaction,
      );
      const written = writtenOf(outcomes);
      const changes = written.map(({ deal, before }) => ({
        deal,
        changes: diff<DealFields>(bulkFields(before), bulkFields(deal)),
      }));
      await this.publishMany(auth, DealEvents.Updated, changes, transaction);
      await this.publishMany(
        auth,
        DealEvents.StageChanged,
        changes
          .filter((c) => c.changes.stage)
          .map(({ deal, changes: { stage } }) => ({ deal, changes: { stage } })),
        transaction,
      );
      await this.publishMany(
        auth,
        DealEvents.Assigned,
        changes
          .filter((c) => c.changes.assignedToId && c.deal.assignedToId)
          .filter((c) => c.deal.assignedToId !== userIdOf(auth))
          .map(({ deal, changes: { assignedToId } }) => ({ deal, changes: { assignedToId } })),
        transaction,
      );
      return resultOf(outcomes, written.length);
    });
  }

  /** Soft delete of many deals in one statement, by the rules of bulkUpdate. */
  async bulkRemove(auth: AuthContext, ids: readonly string[]): Promise<BulkResult> {
    authorize(auth, Action.WriteAssignedRecord);
    const onlyOf = bulkReach(auth);
    return this.transactions.run(async (transaction) => {
      const outcomes = await this.deals.bulkRemove(auth.companyId, ids, onlyOf, transaction);
      const written = writtenOf(outcomes);
      await this.publishMany(
        auth,
        DealEvents.Removed,
        written.map(({ deal }) => ({
          deal,
          changes: { deletedAt: { from: null, to: deal.deletedAt?.toISOString() ?? null } },
        })),
        transaction,
      );
      return resultOf(outcomes, written.length);
    });
  }

  private readableFilter(auth: AuthContext, filter?: DealFilter | null): DealFilter {
    authorize(auth, Action.ReadRecords);
    if (filter?.includeDeleted) authorize(auth, Action.ReadDeletedRecords);
    return filter ?? {};
  }

  private async liveDeal(auth: AuthContext, id: string, transaction: Transaction) {
    authorize(auth, Action.ReadRecords);
    const deal = await this.deals.findLive(auth.companyId, id, transaction);
    if (!deal) throw new NotFoundException('Deal', id);
    return deal;
  }

  private publish(
    auth: AuthContext,
    name: DealEventName,
    deal: DealRecord,
    changes: FieldChanges<DealFields>,
    transaction: Transaction,
  ): Promise<void> {
    return this.publishMany(auth, name, [{ deal, changes }], transaction);
  }

  /** One event for all of them (one audit statement); none when there are none. */
  private async publishMany(
    auth: AuthContext,
    name: DealEventName,
    changed: readonly { deal: DealRecord; changes: FieldChanges<DealFields> }[],
    transaction: Transaction,
  ): Promise<void> {
    if (changed.length === 0) return;
    await this.events.publish(
      name,
      {
        entity: 'Deal',
        records: changed.map(({ deal, changes }) => ({
          id: deal.id,
          assignedToId: deal.assignedToId,
          createdById: deal.createdById,
          changes,
        })),
      },
      { actor: actorOf(auth), transaction },
    );
  }
}

function writtenOf(outcomes: readonly BulkOutcome[]) {
  return outcomes.flatMap((o) => (o.skipped === null ? [o] : []));
}

function resultOf(outcomes: readonly BulkOutcome[], count: number): BulkResult {
  return {
    count,
    skipped: outcomes.flatMap((o) => (o.skipped === null ? [] : [{ id: o.id, reason: o.skipped }])),
  };
}

/** The fields a bulk update changes, in their JSON form. */
function bulkFields(deal: BulkChanged): Partial<DealFields> {
  return {
    stage: deal.stage,
    priority: deal.priority,
    assignedToId: deal.assignedToId,
    leadScore: deal.leadScore,
    closedAt: deal.closedAt?.toISOString() ?? null,
  };
}
