import { ForbiddenException } from '../common/errors/app.exception.js';
import type { AuthContext } from './auth-context.js';
import { Role } from './role.enum.js';

/** Everything a role may be allowed to do. Records are the company's leads, deals, tasks, … */
export enum Action {
  ReadUsers = 'read users',
  ManageUsers = 'create, change role of, deactivate users',
  ManageApiKeys = 'create, list, revoke API keys',
  ReadAuditLogs = 'read the audit log',
  ReadRecords = 'read records',
  CreateRecords = 'create records',
  WriteAnyRecord = 'change any record',
  WriteAssignedRecord = 'change records assigned to them',
  ReadDeletedRecords = 'see and restore deleted records',
  PurgeRecords = 'delete records for good',
}

/** The one permission table; every service asks it through `authorize`. Printed in the README. */
export const PERMISSIONS: Readonly<Record<Action, readonly Role[]>> = {
  [Action.ReadUsers]: [Role.ADMIN, Role.MANAGER, Role.SALES_REP],
  [Action.ManageUsers]: [Role.ADMIN],
  [Action.ManageApiKeys]: [Role.ADMIN],
  [Action.ReadAuditLogs]: [Role.ADMIN],
  [Action.ReadRecords]: [Role.ADMIN, Role.MANAGER, Role.SALES_REP],
  [Action.CreateRecords]: [Role.ADMIN, Role.MANAGER, Role.SALES_REP],
  [Action.WriteAnyRecord]: [Role.ADMIN, Role.MANAGER],
  [Action.WriteAssignedRecord]: [Role.ADMIN, Role.MANAGER, Role.SALES_REP],
  [Action.ReadDeletedRecords]: [Role.ADMIN, Role.MANAGER],
  [Action.PurgeRecords]: [Role.ADMIN],
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[action].includes(role);
}

/** Throws FORBIDDEN unless the caller's role may perform `action`. */
export function authorize(auth: AuthContext, action: Action): void {
  if (!can(auth.role, action))
    throw new ForbiddenException(`Your role (${auth.role}) may not ${action}`);
}

/**
 * Changing a record: MANAGER and ADMIN change any; a SALES_REP only what is assigned to them.
 * Reading is checked separately (every role reads the company's records).
 */
export function authorizeRecordChange(auth: AuthContext, assignedToId: string | null): void {
  if (can(auth.role, Action.WriteAnyRecord)) return;
  authorize(auth, Action.WriteAssignedRecord);
  if (assignedToId !== auth.userId) {
    throw new ForbiddenException('You may change only records assigned to you');
  }
}

/** The permission table as the Markdown the README carries (a test keeps the two equal). */
export function permissionTableMarkdown(): string {
  const roles = Object.values(Role);
  const header = `| action | ${roles.join(' | ')} |`;
  const rule = `|---|${roles.map(() => ':-:').join('|')}|`;
  const rows = Object.values(Action).map(
    (action) => `| ${action} | ${roles.map((r) => (can(r, action) ? '✓' : '')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}
