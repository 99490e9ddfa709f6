import { Injectable } from '@nestjs/common';
import { EventPhase, type DomainEvent } from '../common/events/domain-event.js';
import { OnDomainEvent } from '../common/events/on-domain-event.decorator.js';
import { InteractionEvents } from '../interactions/interactions.events.js';
import { ScoresService } from './scores.service.js';

type InteractionEventName = (typeof InteractionEvents)[keyof typeof InteractionEvents];

/**
 * Keeps activity scores current: a change to interactions rescores their leads in the same
 * transaction, so that no committed interaction leaves its lead's score behind (and a large move
 * is published in it too). A change of notes only changes no score.
 */
@Injectable()
export class LeadScoresListener {
  constructor(private readonly scores: ScoresService) {}

  @OnDomainEvent(
    [InteractionEvents.Created, InteractionEvents.Updated, InteractionEvents.Removed],
    EventPhase.IN_TRANSACTION,
  )
  async onInteractionsChanged(event: DomainEvent<InteractionEventName>): Promise<void> {
    const { transaction, payload, actor, name } = event;
    const { companyId } = actor;
    // Interactions are changed by a caller of their company, in a transaction: anything else would
    // leave scores behind unseen, so it fails the change instead.
    if (!transaction || !companyId)
      throw new Error(`${name} without a transaction or a company: its leads cannot be rescored`);
    const scoring = payload.records.filter(
      (r) => name !== InteractionEvents.Updated || r.changes.type || r.changes.date,
    );
    await this.scores.rescoreInTransaction({ ...actor, companyId }, transaction, [
      ...new Set(scoring.map((r) => r.leadId)),
    ]);
  }
}
