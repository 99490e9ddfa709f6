/** Domain event names of the users feature. */
export const UserEvents = {
  Created: 'user.created',
  RoleChanged: 'user.role_changed',
  Deactivated: 'user.deactivated',
  CompanySignedUp: 'company.signed_up',
} as const;
