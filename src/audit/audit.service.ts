import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context.js';
import { Action, authorize } from '../auth/permissions.js';
import type { DomainEvent } from '../common/events/domain-event.js';
import { pageSize } from '../common/pagination/cursor.js';
import { toPage, type Page } from '../common/pagination/page.js';
import { AUDIT_KEYSET, AuditRepository, type NewAuditLog } from './audit.repository.js';
import type { AuditLogFilter } from './dto/audit-log-filter.input.js';
import type { AuditLogRecord } from './audit-log.model.js';

/** One entry per record the event concerns: the field changes, or the event's details. */
export function auditEntries(event: DomainEvent): NewAuditLog[] {
  const { actor, payload } = event;
  return payload.records.map((record) => ({
    companyId: actor.companyId,
    actorKind: actor.kind,
    actorUserId: actor.userId,
    actorApiKeyId: actor.apiKeyId,
    action: event.name,
    entityType: payload.entity,
    entityId: record.id,
    changes: (record.changes ?? record.details ?? null) as Record<string, unknown> | null,
    requestId: actor.requestId,
    ip: actor.ip,
  }));
}

@Injectable()
export class AuditService {
  constructor(private readonly logs: AuditRepository) {}

  /** Writes the event's entries in one statement, inside the event's transaction when it has one. */
  record(event: DomainEvent): Promise<void> {
    return this.logs.insertMany(auditEntries(event), event.transaction);
  }

  async page(
    auth: AuthContext,
    filter: AuditLogFilter,
    first?: number | null,
    after?: string | null,
  ): Promise<Page<AuditLogRecord>> {
    authorize(auth, Action.ReadAuditLogs);
    const limit = pageSize(first);
    const cursor = after ? AUDIT_KEYSET.decode(after) : undefined;
    const rows = await this.logs.page(auth.companyId, filter, limit + 1, cursor);
    return toPage(rows, limit, (row) => AUDIT_KEYSET.cursorOf(row), after);
  }

  count(auth: AuthContext, filter: AuditLogFilter): Promise<number> {
    authorize(auth, Action.ReadAuditLogs);
    return this.logs.count(auth.companyId, filter);
  }
}
