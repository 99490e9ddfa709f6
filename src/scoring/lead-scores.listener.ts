import { Injectable } from '@nestjs/common';
import { EventPhase, type DomainEvent } from '../common/events/domain-event.js';
import { OnDomainEvent } from '../common/events/on-domain-event.decorator.js';
import { InteractionEvents } from '../interactions/interactions.events.js';
import { LeadScoresRepository } from './lead-scores.repository.js';

type InteractionEventName = (typeof InteractionEvents)[keyof typeof InteractionEvents];

/**
 * Keeps activity scores current: a change to interactions rescores their leads in the same
 * transaction, so that no committed interaction leaves its lead's score behind.
 */
@Injectable()
export class LeadScoresListener {
  constructor(private readonly scores: LeadScoresRepository) {}

  @OnDomainEvent(
    [InteractionEvents.Created, InteractionEvents.Updated, InteractionEvents.Removed],
    EventPhase.IN_TRANSACTION,
  )
  onInteractionsChanged(event: DomainEvent<InteractionEventName>): void {
    const { transaction, payload, actor } = event;
    // Interactions are only ever changed by a caller of their company, inside a transaction.
    if (!transaction || !actor.companyId) return;
    const leadIds = [...new Set(payload.records.map((r) => r.leadId))];
    this.scores.rescore(transaction, actor.companyId, leadIds, new Date());
  }
}
