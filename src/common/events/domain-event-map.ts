/**
 * Every domain event: name → payload type. Empty here on purpose: each feature adds its own events
 * from its `*.events.ts` by declaration merging, so publishers and listeners share one typed map
 * while common/ imports no feature.
 *
 * ```ts
 * declare module '../common/events/domain-event-map.js' {
 *   interface DomainEventMap {
 *     'lead.created': LeadsCreated;
 *   }
 * }
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEventMap {}

export type DomainEventName = Extract<keyof DomainEventMap, string>;
