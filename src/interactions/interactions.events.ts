import type { EventPayload, FieldChanges, RecordChange } from '../common/events/event-payload.js';
import type { InteractionKind } from './interaction-kind.enum.js';

/** Domain event names of interactions. */
export const InteractionEvents = {
  Created: 'interaction.created',
  Updated: 'interaction.updated',
  Removed: 'interaction.removed',
} as const;

export interface InteractionFields {
  leadId: string;
  type: InteractionKind;
  date: string;
  notes: string | null;
}

export interface InteractionChange extends RecordChange {
  readonly id: string;
  /** The lead it belongs to: what a score depends on. */
  readonly leadId: string;
  readonly changes: FieldChanges<InteractionFields>;
}

export type InteractionsChanged = EventPayload<InteractionChange> & {
  readonly entity: 'Interaction';
};

declare module '../common/events/domain-event-map.js' {
  interface DomainEventMap {
    'interaction.created': InteractionsChanged;
    'interaction.updated': InteractionsChanged;
    'interaction.removed': InteractionsChanged;
  }
}
