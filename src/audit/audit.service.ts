import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context.js';
import { Action, authorize } from '../auth/permissions.js';
import type { DomainEvent } from '../common/events/domain-event.js';
import { pageSize } from '../common/pagination/cursor.js';
import { toPage, type Page } from '../common/pagination/page.js';
import { AUDIT_KEYSET, AuditRepository } from './audit.repository.js';
import type { AuditLogFilter } from './dto/audit-log-filter.input.js';
import type { AuditLogRecord } from './models/audit-log.model.js';

@Injectable()
export class AuditService {
  constructor(private readonly logs: AuditRepository) {}

  /** Writes the entry for a domain event, inside the event's transaction when it has one. */
  record(event: DomainEvent): Promise<void> {
    return this.logs.insert(
      {
        companyId: event.actor.companyId,
        actorUserId: event.actor.userId ?? null,
        actorApiKeyId: event.actor.apiKeyId ?? null,
        action: event.name,
        entityType: event.entity.type,
        entityId: event.entity.id,
        changes: event.changes,
        requestId: event.actor.requestId ?? null,
        ip: event.actor.ip ?? null,
      },
      event.transaction,
    );
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
    return toPage(rows, limit, (row) => AUDIT_KEYSET.cursorOf(row));
  }

  count(auth: AuthContext, filter: AuditLogFilter): Promise<number> {
    authorize(auth, Action.ReadAuditLogs);
    return this.logs.count(auth.companyId, filter);
  }
}
