import { ActorKind } from '../common/events/actor.js';
import { ApiKeyScope } from './api-key-scope.enum.js';
import type { AuthContext } from './auth-context.js';
import { AuthException, AuthReason } from './auth.exception.js';
import { Role } from './role.enum.js';

/** Everything a caller may be allowed to do. Records are the company's leads, deals, tasks, … */
export enum Action {
  ReadUsers = 'read users',
  ManageUsers = 'create, change role of, deactivate users',
  ManageApiKeys = 'create, list, revoke API keys',
  ReadAuditLogs = 'read the audit log',
  ReadRecords = 'read records',
  CreateRecords = 'create records',
  CreateLeads = 'create a lead',
  ImportLeads = 'create leads in bulk (createLeads)',
  FindLeadByEmail = 'find a lead by e-mail',
  FillEmptyLeadFields = 'fill the empty fields of a lead',
  WriteAnyRecord = 'change any record',
  WriteAssignedRecord = 'change records assigned to them',
  ReadDeletedRecords = 'see and restore deleted records',
  PurgeRecords = 'delete records for good',
  ReadSubmissions = 'read the journal of submitted leads (rawLeadsConnection)',
  ReprocessSubmissions = 'reprocess a submitted lead',
  ReadIngestionUsage = 'read the company’s ingestion usage against its limits (ingestionUsage)',
  ManageLeadRouting = 'set whom ingested leads are assigned to',
  RecalculateScores = 'recalculate every lead score of the company',
  GenerateSummaries = 'generate the summary of a lead they can read',
  ManageAiSettings = 'allow or forbid sending lead data to the external AI provider',
  ManageCompany = 'change the company’s settings (its currency)',
  RemoveAnyComment = 'remove another user’s comment',
}

/** Who holds a permission: roles of users, scopes of API keys, and background work. */
interface Grant {
  readonly roles: readonly Role[];
  readonly scopes: readonly ApiKeyScope[];
  readonly system: boolean;
}

const ALL_ROLES = [Role.ADMIN, Role.MANAGER, Role.SALES_REP] as const;
const grant = (
  roles: readonly Role[],
  scopes: readonly ApiKeyScope[] = [],
  system = false,
): Grant => ({
  roles,
  scopes,
  system,
});

/** The one permission table; every service asks it through `authorize`. Printed in docs/security.md. */
export const PERMISSIONS: Readonly<Record<Action, Grant>> = {
  [Action.ReadUsers]: grant(ALL_ROLES, [], true),
  [Action.ManageUsers]: grant([Role.ADMIN]),
  [Action.ManageApiKeys]: grant([Role.ADMIN]),
  [Action.ReadAuditLogs]: grant([Role.ADMIN]),
  [Action.ReadRecords]: grant(ALL_ROLES, [], true),
  [Action.CreateRecords]: grant(ALL_ROLES, [], true),
  [Action.CreateLeads]: grant(ALL_ROLES, [ApiKeyScope.INGEST], true),
  [Action.ImportLeads]: grant(ALL_ROLES, [], true),
  [Action.FindLeadByEmail]: grant(ALL_ROLES, [ApiKeyScope.INGEST], true),
  [Action.FillEmptyLeadFields]: grant([Role.ADMIN, Role.MANAGER], [ApiKeyScope.INGEST], true),
  [Action.WriteAnyRecord]: grant([Role.ADMIN, Role.MANAGER], [], true),
  [Action.WriteAssignedRecord]: grant(ALL_ROLES, [], true),
  [Action.ReadDeletedRecords]: grant([Role.ADMIN, Role.MANAGER], [], true),
  [Action.PurgeRecords]: grant([Role.ADMIN]),
  [Action.ReadSubmissions]: grant([Role.ADMIN], [], true),
  [Action.ReprocessSubmissions]: grant([Role.ADMIN], [], true),
  [Action.ReadIngestionUsage]: grant([Role.ADMIN]),
  [Action.ManageLeadRouting]: grant([Role.ADMIN]),
  [Action.RecalculateScores]: grant([Role.ADMIN, Role.MANAGER], [], true),
  [Action.GenerateSummaries]: grant(ALL_ROLES, [], true),
  [Action.ManageAiSettings]: grant([Role.ADMIN]),
  [Action.ManageCompany]: grant([Role.ADMIN]),
  [Action.RemoveAnyComment]: grant([Role.ADMIN]),
};

export function can(auth: AuthContext, action: Action): boolean {
  const granted = PERMISSIONS[action];
  switch (auth.kind) {
    case ActorKind.USER:
      return granted.roles.includes(auth.role);
    case ActorKind.API_KEY:
      return auth.scopes.some((scope) => granted.scopes.includes(scope));
    case ActorKind.SYSTEM:
      return granted.system;
  }
}

function describe(auth: AuthContext): string {
  switch (auth.kind) {
    case ActorKind.USER:
      return `Your role (${auth.role})`;
    case ActorKind.API_KEY:
      return 'This API key';
    case ActorKind.SYSTEM:
      return `Background work (${auth.job})`;
  }
}

/** Throws FORBIDDEN unless the caller may perform `action`. */
export function authorize(auth: AuthContext, action: Action): void {
  if (!can(auth, action))
    throw new AuthException(AuthReason.NOT_PERMITTED, `${describe(auth)} may not ${action}`);
}

/**
 * Changing a record: MANAGER, ADMIN and the system change any; a SALES_REP only what is assigned
 * to them; an API key none. Reading is checked separately (every role reads the company's records).
 */
export function authorizeRecordChange(auth: AuthContext, assignedToId: string | null): void {
  if (can(auth, Action.WriteAnyRecord)) return;
  authorize(auth, Action.WriteAssignedRecord);
  if (auth.kind !== ActorKind.USER || assignedToId !== auth.userId) {
    throw new AuthException(AuthReason.NOT_ASSIGNED, 'You may change only records assigned to you');
  }
}

const COLUMNS: readonly { title: string; holds: (g: Grant) => boolean }[] = [
  ...Object.values(Role).map((role) => ({
    title: role,
    holds: (g: Grant) => g.roles.includes(role),
  })),
  ...Object.keys(ApiKeyScope).map((name) => ({
    title: `API key ${name}`,
    holds: (g: Grant) => g.scopes.includes(ApiKeyScope[name as keyof typeof ApiKeyScope]),
  })),
  { title: 'system', holds: (g: Grant) => g.system },
];

/** The permission table as the Markdown docs/security.md carries (a test keeps the two equal). */
export function permissionTableMarkdown(): string {
  const header = `| action | ${COLUMNS.map((c) => c.title).join(' | ')} |`;
  const rule = `|---|${COLUMNS.map(() => ':-:').join('|')}|`;
  const rows = Object.values(Action).map(
    (action) =>
      `| ${action} | ${COLUMNS.map((c) => (c.holds(PERMISSIONS[action]) ? '✓' : '')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}
