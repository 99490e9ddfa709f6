import { applyDecorators } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { DomainEventName } from './domain-event-map.js';
import { EventPhase, eventChannel, type DomainEvent } from './domain-event.js';

type Listener<N extends DomainEventName> = (event: DomainEvent<N>) => Promise<void> | void;

function listen(channels: string[], phase: EventPhase): MethodDecorator {
  return applyDecorators(
    ...channels.map((channel) =>
      // In-transaction failures must reach the publisher (and roll back); after-commit ones are
      // logged by the emitter and go no further.
      OnEvent(channel, { promisify: true, suppressErrors: phase === EventPhase.AFTER_COMMIT }),
    ),
  );
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
