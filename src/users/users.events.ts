import type { Role } from '../auth/role.enum.js';
import type { EventPayload, FieldChanges, RecordChange } from '../common/events/event-payload.js';

/** Domain event names of the users feature. */
export const UserEvents = {
  Created: 'user.created',
  RoleChanged: 'user.role_changed',
  Deactivated: 'user.deactivated',
  CompanySignedUp: 'company.signed_up',
} as const;

export interface UserCreatedRecord extends RecordChange {
  readonly id: string;
  readonly details: { readonly email: string; readonly role: Role };
}

export interface UserChangedRecord extends RecordChange {
  readonly id: string;
  readonly changes: FieldChanges<{ role: Role; isActive: boolean }>;
}

export interface CompanySignedUpRecord extends RecordChange {
  readonly id: string;
  readonly details: { readonly name: string };
}

declare module '../common/events/domain-event-map.js' {
  interface DomainEventMap {
    'user.created': EventPayload<UserCreatedRecord> & { readonly entity: 'User' };
    'user.role_changed': EventPayload<UserChangedRecord> & { readonly entity: 'User' };
    'user.deactivated': EventPayload<UserChangedRecord> & { readonly entity: 'User' };
    'company.signed_up': EventPayload<CompanySignedUpRecord> & { readonly entity: 'Company' };
  }
}
