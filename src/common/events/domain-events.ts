import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Transaction } from 'sequelize';
import type { Actor } from './actor.js';
import { reportServerFault } from '../errors/server-faults.js';
import { commitQueueOf } from './after-commit.js';
import type { DomainEventMap, DomainEventName } from './domain-event-map.js';
import { EventPhase, eventChannel, type DomainEvent } from './domain-event.js';

export interface PublishContext {
  actor: Actor;
  /** The change's transaction; without one, both phases run at once, one after the other. */
  transaction?: Transaction;
}

/** Publishes domain events to the listeners of both phases (see EventPhase). */
@Injectable()
export class DomainEvents {
  private readonly logger = new Logger(DomainEvents.name);

  constructor(private readonly emitter: EventEmitter2) {}

  async publish<N extends DomainEventName>(
    name: N,
    payload: DomainEventMap[N],
    { actor, transaction }: PublishContext,
  ): Promise<void> {
    // Checked first: a transaction the helper did not open would run no after-commit listener.
    const queue = transaction ? commitQueueOf(transaction) : null;
    const event: DomainEvent<N> = { name, payload, actor, transaction };
    await this.emitter.emitAsync(eventChannel(EventPhase.IN_TRANSACTION, name), event);
    const committed = (): Promise<void> => this.afterCommit({ name, payload, actor });
    if (queue) queue.push(committed);
    else await committed();
  }

  private async afterCommit<N extends DomainEventName>(event: DomainEvent<N>): Promise<void> {
    // Listeners of this phase suppress their own errors (see OnDomainEvent); this catches the rest.
    await this.emitter
      .emitAsync(eventChannel(EventPhase.AFTER_COMMIT, event.name), event)
      .catch((error: unknown) => {
        this.logger.error(`after-commit listener of ${event.name} failed: ${String(error)}`);
        reportServerFault({ error, source: 'after-commit' });
      });
  }
}
