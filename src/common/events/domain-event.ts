import type { Transaction } from 'sequelize';
import type { Actor } from './actor.js';
import type { DomainEventMap, DomainEventName } from './domain-event-map.js';

/**
 * When a listener runs.
 * - IN_TRANSACTION: inside the publisher's transaction, before commit (audit rows, notification
 *   rows, score updates): its writes commit or roll back with the change, and its failure fails it.
 * - AFTER_COMMIT: once the transaction has committed, never after a rollback (socket pushes, cache
 *   invalidation, calls to the outside world). Its failure is logged and never fails the request.
 *   It runs before the answer is sent, so it must be quick: slow work is handed to a queue.
 */
export enum EventPhase {
  IN_TRANSACTION = 'tx',
  AFTER_COMMIT = 'committed',
}

/** Something that happened in the domain, with its typed payload. */
export interface DomainEvent<N extends DomainEventName = DomainEventName> {
  readonly name: N;
  readonly payload: DomainEventMap[N];
  readonly actor: Actor;
  /** The publisher's transaction, for IN_TRANSACTION listeners; absent after commit. */
  readonly transaction?: Transaction;
}
