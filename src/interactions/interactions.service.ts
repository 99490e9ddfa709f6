import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { AccessService } from '../access/access.service.js';
import { RecordPermission } from '../access/record-permission.js';
import { actorOf, userIdOf, type AuthContext } from '../auth/auth-context.js';
import { Action, authorize } from '../access/permissions.js';
import { NotFoundException } from '../common/errors/app.exception.js';
import { DomainEvents } from '../common/events/domain-events.js';
import { created, definedOnly, diff, isEmpty } from '../common/events/diff.js';
import type { FieldChanges } from '../common/events/event-payload.js';
import { pageSize } from '../common/pagination/cursor.js';
import type { Page } from '../common/pagination/page.js';
import { Listing } from '../common/records/listing.js';
import { Transactions } from '../database/transactions.js';
import type { CreateInteractionInput } from './dto/create-interaction.input.js';
import type { InteractionFilter } from './dto/interaction-filter.input.js';
import type { InteractionsArgs } from './dto/interactions.args.js';
import type { UpdateInteractionInput } from './dto/update-interaction.input.js';
import { InteractionEvents, type InteractionFields } from './interactions.events.js';
import { INTERACTION_ORDER, InteractionsRepository } from './interactions.repository.js';
import type { InteractionRecord } from './interaction.record.js';

type InteractionEventName = (typeof InteractionEvents)[keyof typeof InteractionEvents];

@Injectable()
export class InteractionsService {
  constructor(
    private readonly interactions: InteractionsRepository,
    private readonly access: AccessService,
    private readonly transactions: Transactions,
    private readonly events: DomainEvents,
  ) {}

  /** The interactions list: every role reads the company's (of live leads), a page, its count. */
  private readonly list = new Listing(this.interactions.list, {
    readable: (auth: AuthContext, filter?: InteractionFilter | null) => {
      authorize(auth, Action.ReadRecords);
      return filter ?? {};
    },
    defaultOrder: () => INTERACTION_ORDER,
  });

  page(auth: AuthContext, args: InteractionsArgs): Promise<Page<InteractionRecord>> {
    return this.list.page(auth, args);
  }

  count(auth: AuthContext, filter?: InteractionFilter | null): Promise<number> {
    return this.list.count(auth, filter);
  }

  findOne(auth: AuthContext, id: string): Promise<InteractionRecord | null> {
    authorize(auth, Action.ReadRecords);
    return this.interactions.findLive(auth.companyId, id);
  }

  /** A lead's interactions, newest first; NOT_FOUND when the lead is not the caller's to read. */
  async byLead(
    auth: AuthContext,
    leadId: string,
    first?: number | null,
  ): Promise<InteractionRecord[]> {
    await this.access.requireOne(auth, RecordPermission.ReadLead, leadId);
    return this.interactions.latestForLeads(auth.companyId, [leadId], pageSize(first));
  }

  async create(auth: AuthContext, input: CreateInteractionInput): Promise<InteractionRecord> {
    authorize(auth, Action.CreateRecords);
    return this.transactions.run(async (transaction) => {
      const lead = await this.access.requireOne(
        auth,
        RecordPermission.ChangeLead,
        input.leadId,
        transaction,
      );
      const values = { type: input.type, date: input.date, notes: input.notes ?? null };
      const interaction = await this.interactions.create(
        { ...values, companyId: auth.companyId, leadId: lead.id, createdById: userIdOf(auth) },
        transaction,
      );
      const changes = created<InteractionFields>({
        leadId: lead.id,
        ...values,
        date: values.date.toISOString(),
      });
      await this.publish(auth, InteractionEvents.Created, interaction, changes, transaction);
      return interaction;
    });
  }

  async update(auth: AuthContext, input: UpdateInteractionInput): Promise<InteractionRecord> {
    return this.transactions.run(async (transaction) => {
      const interaction = await this.changeable(auth, input.id, transaction);
      const values = { type: input.type, date: input.date, notes: input.notes };
      const changes = diff<InteractionFields>(
        {
          type: interaction.type,
          date: interaction.date.toISOString(),
          notes: interaction.notes,
        },
        { ...values, date: values.date?.toISOString() },
      );
      if (isEmpty(changes)) return interaction;
      const saved = await this.interactions.save(interaction, definedOnly(values), transaction);
      await this.publish(auth, InteractionEvents.Updated, saved, changes, transaction);
      return saved;
    });
  }

  async remove(auth: AuthContext, id: string): Promise<boolean> {
    return this.transactions.run(async (transaction) => {
      const interaction = await this.changeable(auth, id, transaction);
      await this.interactions.remove(interaction, transaction);
      const changes = { leadId: { from: interaction.leadId, to: null } };
      await this.publish(auth, InteractionEvents.Removed, interaction, changes, transaction);
      return true;
    });
  }

  /** An interaction the caller may change: its lead is live, theirs to read, and theirs to change. */
  private async changeable(
    auth: AuthContext,
    id: string,
    transaction: Transaction,
  ): Promise<InteractionRecord> {
    authorize(auth, Action.ReadRecords);
    const interaction = await this.interactions.findLive(auth.companyId, id, transaction);
    if (!interaction) throw new NotFoundException('Interaction', id);
    await this.access.requireOne(
      auth,
      RecordPermission.ChangeLead,
      interaction.leadId,
      transaction,
    );
    return interaction;
  }

  private publish(
    auth: AuthContext,
    name: InteractionEventName,
    interaction: InteractionRecord,
    changes: FieldChanges<InteractionFields>,
    transaction: Transaction,
  ): Promise<void> {
    return this.events.publish(
      name,
      {
        entity: 'Interaction',
        records: [{ id: interaction.id, leadId: interaction.leadId, changes }],
      },
      { actor: actorOf(auth), transaction },
    );
  }
}
