import type { EventPayload, FieldChanges, RecordChange } from '../common/events/event-payload.js';
import type { LeadStatus } from './lead-status.enum.js';

/** Domain event names of leads. */
export const LeadEvents = {
  Created: 'lead.created',
  Updated: 'lead.updated',
  Assigned: 'lead.assigned',
  Removed: 'lead.removed',
  Restored: 'lead.restored',
  Purged: 'lead.purged',
} as const;

/** A lead's tracked fields in their JSON form (budget as an exact string, instants as ISO). */
export interface LeadFields {
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  budget: string | null;
  location: string | null;
  status: LeadStatus;
  source: string | null;
  country: string | null;
  language: string | null;
  assignedToId: string | null;
  deletedAt: string | null;
}

export interface LeadChange extends RecordChange {
  readonly id: string;
  /** The assignee after the change: whom a notification about the lead concerns. */
  readonly assignedToId: string | null;
  readonly changes: FieldChanges<LeadFields>;
}

/** One event for any number of leads: createLeads of 1 000 publishes one `lead.created`. */
export type LeadsChanged = EventPayload<LeadChange> & { readonly entity: 'Lead' };

declare module '../common/events/domain-event-map.js' {
  interface DomainEventMap {
    'lead.created': LeadsChanged;
    'lead.updated': LeadsChanged;
    'lead.assigned': LeadsChanged;
    'lead.removed': LeadsChanged;
    'lead.restored': LeadsChanged;
    'lead.purged': LeadsChanged;
  }
}
