import type { DomainEventMap } from './domain-event-map.js';

/** A field's value before and after a change, in its JSON form (instants as ISO strings). */
export interface FieldChange<T = unknown> {
  readonly from: T | null;
  readonly to: T | null;
}

/** The fields of `T` that changed. */
export type FieldChanges<T extends object = Record<string, unknown>> = {
  readonly [K in keyof T]?: FieldChange<T[K]>;
};

/** What an event says about one record it concerns. */
export interface RecordChange {
  /** null when the record is unknown (a login with an unknown e-mail). */
  readonly id: string | null;
  /** Before and after of the fields that changed. */
  readonly changes?: FieldChanges<object>;
  /** Facts that are not a change of a field (the e-mail a login was tried with). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * The shape every payload has, so that generic listeners (audit) need no code per event: the kind
 * of record and one entry per record. A bulk operation is one event with N records. Features extend
 * RecordChange with what their listeners need (a lead's assignee, an interaction's lead).
 */
export interface EventPayload<R extends RecordChange = RecordChange> {
  readonly entity: string;
  readonly records: readonly R[];
}

type NotPayloads = {
  [N in keyof DomainEventMap]: DomainEventMap[N] extends EventPayload ? never : N;
}[keyof DomainEventMap];

/** Fails to compile, naming the event, when a feature declares a payload of another shape. */
export const EVERY_EVENT_IS_A_PAYLOAD: [NotPayloads] extends [never] ? true : NotPayloads = true;
