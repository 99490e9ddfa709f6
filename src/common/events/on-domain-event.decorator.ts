import { applyDecorators } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { reportServerFault } from '../errors/server-faults.js';
import type { DomainEventName } from './domain-event-map.js';
import { EventPhase, eventChannel, type DomainEvent } from './domain-event.js';

type Listener<N extends DomainEventName> = (event: DomainEvent<N>) => Promise<void> | void;

function listen(channels: string[], phase: EventPhase): MethodDecorator {
  const subscribe = applyDecorators(
    ...channels.map((channel) =>
      // In-transaction failures must reach the publisher (and roll back); after-commit ones are
      // logged by the emitter and go no further.
      OnEvent(channel, { promisify: true, suppressErrors: phase === EventPhase.AFTER_COMMIT }),
    ),
  );
  if (phase !== EventPhase.AFTER_COMMIT) return subscribe;
  return (target, key, descriptor) => {
    reportFailures(descriptor);
    subscribe(target, key, descriptor);
  };
}

/**
 * An after-commit listener's failure is the server's (its change is committed, its follow-up is
 * lost): told to the fault reporters, then left to the emitter, which logs it. Wrapped before
 * OnEvent marks the method, so that the mark is on what the emitter calls.
 */
function reportFailures<T>(descriptor: TypedPropertyDescriptor<T>): void {
  const listener = descriptor.value as (...args: unknown[]) => unknown;
  const report = (error: unknown): never => {
    reportServerFault({ error, source: 'after-commit' });
    throw error;
  };
  // Synchronous listeners stay synchronous: only a returned promise is awaited for its failure.
  const reported = function (this: unknown, ...args: unknown[]): unknown {
    let result: unknown;
    try {
      result = listener.apply(this, args);
    } catch (error) {
      return report(error);
    }
    return result instanceof Promise ? result.catch(report) : result;
  };
  descriptor.value = reported as T;
}

/** Makes the method a listener of these events in `phase`; its parameter type must match them. */
export function OnDomainEvent<N extends DomainEventName>(
  names: N | readonly N[],
  phase: EventPhase,
): <T extends Listener<N>>(
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<T>,
) => void {
  const list: readonly N[] = typeof names === 'string' ? [names] : names;
  const decorator = listen(
    list.map((name) => eventChannel(phase, name)),
    phase,
  );
  return (target, key, descriptor) => void decorator(target, key, descriptor);
}

/** Every domain event, in `phase` (audit). */
export function OnAnyDomainEvent(
  phase: EventPhase,
): <T extends Listener<DomainEventName>>(
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<T>,
) => void {
  const decorator = listen([eventChannel(phase, '**')], phase);
  return (target, key, descriptor) => void decorator(target, key, descriptor);
}
