import type { EventPayload, FieldChanges, RecordChange } from '../common/events/event-payload.js';
import type { DealPriority, DealStage } from './deal-enums.js';

export const DealEvents = {
  Created: 'deal.created',
  Updated: 'deal.updated',
  /** Besides deal.updated, when the stage moved: a `deal_stage_changed` notification. */
  StageChanged: 'deal.stage_changed',
  /** Besides deal.updated (or created), when the assignee changed: a `deal_assigned` one. */
  Assigned: 'deal.assigned',
  Removed: 'deal.removed',
  Restored: 'deal.restored',
} as const;

/** A deal's tracked fields in their JSON form. */
export interface DealFields {
  title: string;
  value: string | null;
  currency: string;
  stage: DealStage;
  priority: DealPriority;
  leadScore: number;
  leadSource: string | null;
  expectedCloseDate: string | null;
  closedAt: string | null;
  notes: string | null;
  leadId: string | null;
  assignedToId: string | null;
  deletedAt: string | null;
}

export interface DealChange extends RecordChange {
  readonly id: string;
  /** Whom a notification about the deal concerns: its assignee and its creator. */
  readonly assignedToId: string | null;
  readonly createdById: string | null;
  readonly changes: FieldChanges<DealFields>;
}

export type DealsChanged = EventPayload<DealChange> & { readonly entity: 'Deal' };

declare module '../common/events/domain-event-map.js' {
  interface DomainEventMap {
    'deal.created': DealsChanged;
    'deal.updated': DealsChanged;
    'deal.stage_changed': DealsChanged;
    'deal.assigned': DealsChanged;
    'deal.removed': DealsChanged;
    'deal.restored': DealsChanged;
  }
}
