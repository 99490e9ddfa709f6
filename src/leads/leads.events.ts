/** Domain event names of leads. */
export const LeadEvents = {
  Created: 'lead.created',
  Updated: 'lead.updated',
  Assigned: 'lead.assigned',
  Removed: 'lead.removed',
  Restored: 'lead.restored',
  Purged: 'lead.purged',
} as const;
