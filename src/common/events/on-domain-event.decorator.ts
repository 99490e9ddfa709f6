import type { DomainEventName } from './domain-event-map.js';
import type { DomainEvent, EventPhase } from './domain-event.js';

type Listener<N extends DomainEventName> = (event: DomainEvent<N>) => Promise<void> | void;

/** What a listener method listens to: some events, or every one ('any'), in one phase. */
export interface ListenerMark {
  readonly names: readonly DomainEventName[] | 'any';
  readonly phase: EventPhase;
}

/** The metadata key DomainEvents looks for on provider methods at boot. */
export const DOMAIN_EVENT_LISTENER = Symbol('domain-event-listener');

/** The marks on a method (a method may listen in both phases). */
export function listenerMarksOf(method: object): readonly ListenerMark[] {
  return (Reflect.getMetadata(DOMAIN_EVENT_LISTENER, method) as ListenerMark[] | undefined) ?? [];
}

function mark(method: object, listening: ListenerMark): void {
  Reflect.defineMetadata(DOMAIN_EVENT_LISTENER, [...listenerMarksOf(method), listening], method);
}

/**
 * Makes the method a listener of these events in `phase`; its parameter type must match them.
 * DomainEvents finds it on its provider at boot (see DomainEvents.onApplicationBootstrap).
 */
export function OnDomainEvent<N extends DomainEventName>(
  names: N | readonly N[],
  phase: EventPhase,
): <T extends Listener<N>>(
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<T>,
) => void {
  const list: readonly N[] = typeof names === 'string' ? [names] : names;
  return (_target, _key, descriptor) => mark(descriptor.value as object, { names: list, phase });
}

/** Every domain event, in `phase` (audit). */
export function OnAnyDomainEvent(
  phase: EventPhase,
): <T extends Listener<DomainEventName>>(
  target: object,
  key: string | symbol,
  descriptor: TypedPropertyDescriptor<T>,
) => void {
  return (_target, _key, descriptor) => mark(descriptor.value as object, { names: 'any', phase });
}
