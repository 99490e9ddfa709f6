import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { Sequelize } from 'sequelize-typescript';
import { actorOf, type AuthContext } from '../auth/auth-context.js';
import { Action, authorize, authorizeRecordChange } from '../auth/permissions.js';
import { NotFoundException } from '../common/errors/app.exception.js';
import { DomainEvent } from '../common/events/domain-event.js';
import { DomainEvents } from '../common/events/domain-events.js';
import { created, definedOnly, diff } from '../common/events/diff.js';
import { pageSize } from '../common/pagination/cursor.js';
import { toPage, type Page } from '../common/pagination/page.js';
import { LeadsService } from '../leads/leads.service.js';
import type { CreateInteractionInput } from './dto/create-interaction.input.js';
import type { InteractionFilter } from './dto/interaction-filter.input.js';
import type { InteractionsArgs } from './dto/interactions.args.js';
import type { UpdateInteractionInput } from './dto/update-interaction.input.js';
import { InteractionEvents } from './interactions.events.js';
import { INTERACTION_KEYSET, InteractionsRepository } from './interactions.repository.js';
import type { Interaction, InteractionRecord } from './models/interaction.model.js';

@Injectable()
export class InteractionsService {
  constructor(
    private readonly interactions: InteractionsRepository,
    private readonly leads: LeadsService,
    private readonly sequelize: Sequelize,
    private readonly events: DomainEvents,
  ) {}

  async page(auth: AuthContext, args: InteractionsArgs): Promise<Page<InteractionRecord>> {
    authorize(auth, Action.ReadRecords);
    const limit = pageSize(args.first);
    const after = args.after ? INTERACTION_KEYSET.decode(args.after) : undefined;
    const rows = await this.interactions.page(auth.companyId, args.filter ?? {}, limit + 1, after);
    return toPage(rows, limit, (row) => INTERACTION_KEYSET.cursorOf(row));
  }

  count(auth: AuthContext, filter: InteractionFilter = {}): Promise<number> {
    authorize(auth, Action.ReadRecords);
    return this.interactions.count(auth.companyId, filter);
  }

  findOne(auth: AuthContext, id: string): Promise<Interaction | null> {
    authorize(auth, Action.ReadRecords);
    return this.interactions.findLive(auth.companyId, id);
  }

  /** A lead's interactions, newest first; NOT_FOUND when the lead is not the caller's to read. */
  async byLead(
    auth: AuthContext,
    leadId: string,
    first?: number | null,
  ): Promise<InteractionRecord[]> {
    await this.leads.liveLead(auth, leadId);
    return this.interactions.latestForLeads(auth.companyId, [leadId], pageSize(first));
  }

  async create(auth: AuthContext, input: CreateInteractionInput): Promise<Interaction> {
    return this.sequelize.transaction(async (transaction) => {
      const lead = await this.leads.liveLead(auth, input.leadId, transaction);
      authorizeRecordChange(auth, lead.assignedToId);
      const values = { type: input.type, date: input.date, notes: input.notes ?? null };
      const interaction = await this.interactions.create(
        { ...values, companyId: auth.companyId, leadId: lead.id, createdById: auth.userId },
        transaction,
      );
      await this.publish(
        auth,
        InteractionEvents.Created,
        interaction,
        { leadId: { from: null, to: lead.id }, ...created(values) },
        transaction,
      );
      return interaction;
    });
  }

  async update(auth: AuthContext, input: UpdateInteractionInput): Promise<Interaction> {
    return this.sequelize.transaction(async (transaction) => {
      const interaction = await this.changeable(auth, input.id, transaction);
      const values = { type: input.type, date: input.date, notes: input.notes };
      const changes = diff(
        { type: interaction.type, date: interaction.date, notes: interaction.notes },
        values,
      );
      if (Object.keys(changes).length === 0) return interaction;
      await this.interactions.save(interaction, definedOnly(values), transaction);
      await this.publish(auth, InteractionEvents.Updated, interaction, changes, transaction);
      return interaction;
    });
  }

  async remove(auth: AuthContext, id: string): Promise<boolean> {
    return this.sequelize.transaction(async (transaction) => {
      const interaction = await this.changeable(auth, id, transaction);
      await this.interactions.remove(interaction, transaction);
      await this.publish(
        auth,
        InteractionEvents.Removed,
        interaction,
        { leadId: { from: interaction.leadId, to: null } },
        transaction,
      );
      return true;
    });
  }

  /** An interaction the caller may change: its lead is live, theirs to read, and theirs to change. */
  private async changeable(
    auth: AuthContext,
    id: string,
    transaction: Transaction,
  ): Promise<Interaction> {
    authorize(auth, Action.ReadRecords);
    const interaction = await this.interactions.findLive(auth.companyId, id, transaction);
    if (!interaction) throw new NotFoundException('Interaction', id);
    const lead = await this.leads.liveLead(auth, interaction.leadId, transaction);
    authorizeRecordChange(auth, lead.assignedToId);
    return interaction;
  }

  private publish(
    auth: AuthContext,
    name: string,
    interaction: Interaction,
    changes: Record<string, unknown>,
    transaction: Transaction,
  ): Promise<void> {
    return this.events.publish(
      new DomainEvent(
        name,
        actorOf(auth),
        { type: 'Interaction', id: interaction.id },
        changes,
        transaction,
      ),
    );
  }
}
