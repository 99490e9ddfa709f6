import type { ActorKind } from '../common/events/actor.js';
import { column, selectOf, type RowOf } from '../database/record-columns.js';

/** An audit entry's columns, declared once: the row type and the SELECT list follow from it. */
export const AUDIT_LOG_COLUMNS = {
  id: column<string>('id'),
  companyId: column<string | null>('company_id'),
  actorKind: column<ActorKind>('actor_kind'),
  actorUserId: column<string | null>('actor_user_id'),
  actorApiKeyId: column<string | null>('actor_api_key_id'),
  action: column<string>('action'),
  entityType: column<string | null>('entity_type'),
  entityId: column<string | null>('entity_id'),
  changes: column<Record<string, unknown> | null>('changes'),
  requestId: column<string | null>('request_id'),
  ip: column<string | null>('ip'),
  createdAt: column<Date>('created_at'),
};

/** An audit entry as plain data. */
export type AuditLogRecord = RowOf<typeof AUDIT_LOG_COLUMNS>;

/** SELECT list producing an AuditLogRecord from the audit_logs table. */
export const AUDIT_LOG_RECORD_COLUMNS = selectOf(AUDIT_LOG_COLUMNS);
