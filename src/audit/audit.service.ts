import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../auth/auth-context.js';
import { Action, authorize } from '../access/permissions.js';
import type { DomainEvent } from '../common/events/domain-event.js';
import type { Page } from '../common/pagination/page.js';
import { Listing } from '../common/records/listing.js';
import { AUDIT_ORDER, AuditRepository, type NewAuditLog } from './audit.repository.js';
import type { AuditLogFilter } from './dto/audit-log-filter.input.js';
import type { AuditLogsArgs } from './dto/audit-logs.args.js';
import type { AuditLogRecord } from './audit-log.record.js';

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

  /** The trail: the caller's company's entries, for those who may read it. */
  private readonly list = new Listing(this.logs.list, {
    readable: (auth: AuthContext, filter?: AuditLogFilter | null): AuditLogFilter => {
      authorize(auth, Action.ReadAuditLogs);
      return filter ?? {};
    },
    defaultOrder: () => AUDIT_ORDER,
  });

  page(auth: AuthContext, args: AuditLogsArgs): Promise<Page<AuditLogRecord>> {
    return this.list.page(auth, args);
  }

  count(auth: AuthContext, filter?: AuditLogFilter | null): Promise<number> {
    return this.list.count(auth, filter);
  }
}
