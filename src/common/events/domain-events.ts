import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { Transaction } from 'sequelize';
import type { Actor } from './actor.js';
import { reportServerFault } from '../errors/server-faults.js';
import { commitQueueOf } from './after-commit.js';
import type { DomainEventMap, DomainEventName } from './domain-event-map.js';
import { EventPhase, type DomainEvent } from './domain-event.js';
import { listenerMarksOf } from './on-domain-event.decorator.js';

export interface PublishContext {
  actor: Actor;
  /** The change's transaction; without one, both phases run at once, one after the other. */
  transaction?: Transaction;
}

type Listener = (event: DomainEvent) => Promise<void>;

/** The listeners of one phase: by event name, and those of every event. */
interface PhaseListeners {
  byName: Map<string, Listener[]>;
  any: Listener[];
  /** Per event name, both lists joined, made on the event's first publication. */
  joined: Map<string, readonly Listener[]>;
}

const emptyPhase = (): PhaseListeners => ({ byName: new Map(), any: [], joined: new Map() });

/**
 * Publishes domain events to the listeners of both phases (see EventPhase). The listeners
 * (`@OnDomainEvent`, `@OnAnyDomainEvent` on provider methods) are found once, at boot, into a map
 * by phase and name: a publication looks its listeners up and calls them, with no pattern matching.
 */
@Injectable()
export class DomainEvents implements OnApplicationBootstrap {
  private readonly logger = new Logger(DomainEvents.name);
  private readonly phases: Record<EventPhase, PhaseListeners> = {
    [EventPhase.IN_TRANSACTION]: emptyPhase(),
    [EventPhase.AFTER_COMMIT]: emptyPhase(),
  };

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      // Request-scoped providers have no instance to call at boot; none listens.
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
      for (const key of this.scanner.getAllMethodNames(prototype)) {
        const method = prototype[key] as (event: DomainEvent) => Promise<void> | void;
        for (const { names, phase } of listenerMarksOf(method))
          this.add(phase, names, async (event) => method.call(instance, event));
      }
    }
  }

  async publish<N extends DomainEventName>(
    name: N,
    payload: DomainEventMap[N],
    { actor, transaction }: PublishContext,
  ): Promise<void> {
    // Checked first: a transaction the helper did not open would run no after-commit listener.
    const queue = transaction ? commitQueueOf(transaction) : null;
    const event: DomainEvent<N> = { name, payload, actor, transaction };
    // Side by side, as their statements pipeline on the transaction's connection; the first
    // failure fails the change.
    await Promise.all(this.listenersOf(EventPhase.IN_TRANSACTION, name).map((l) => l(event)));
    const committed = (): Promise<void> => this.afterCommit({ name, payload, actor });
    if (queue) queue.push(committed);
    else await committed();
  }

  /**
   * The change is committed: a listener's failure loses its follow-up, not the change. It is the
   * server's fault, reported and logged, and the other listeners still run.
   */
  private async afterCommit<N extends DomainEventName>(event: DomainEvent<N>): Promise<void> {
    const listeners = this.listenersOf(EventPhase.AFTER_COMMIT, event.name);
    await Promise.all(
      listeners.map(async (listener) => {
        try {
          await listener(event);
        } catch (error) {
          this.logger.error(`after-commit listener of ${event.name} failed: ${String(error)}`);
          reportServerFault({ error, source: 'after-commit' });
        }
      }),
    );
  }

  private add(phase: EventPhase, names: readonly string[] | 'any', listener: Listener): void {
    const listeners = this.phases[phase];
    listeners.joined.clear();
    if (names === 'any') {
      listeners.any.push(listener);
      return;
    }
    for (const name of names)
      listeners.byName.set(name, [...(listeners.byName.get(name) ?? []), listener]);
  }

  private listenersOf(phase: EventPhase, name: string): readonly Listener[] {
    const listeners = this.phases[phase];
    let joined = listeners.joined.get(name);
    if (!joined) {
      joined = [...(listeners.byName.get(name) ?? []), ...listeners.any];
      listeners.joined.set(name, joined);
    }
    return joined;
  }
}
