import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { RecordConnection } from '../common/records/record-connection.resolver.js';
import { AuditService } from './audit.service.js';
import type { AuditLogFilter } from './dto/audit-log-filter.input.js';
import { AuditLogsArgs } from './dto/audit-logs.args.js';
import { AuditLogConnection } from './audit-log-connection.type.js';
import type { AuditLogRecord } from './audit-log.record.js';
import { AuditLogType } from './audit-log.type.js';

@Resolver(() => AuditLogType)
export class AuditResolver extends RecordConnection<
  AuthContext,
  AuditLogRecord,
  AuditLogType,
  AuditLogsArgs,
  AuditLogFilter
>({
  filter: (args) => args.filter ?? {},
  connection: AuditLogConnection,
  args: AuditLogsArgs,
  toNode: (log) => AuditLogType.from(log),
  caller: CurrentAuth,
  decorators: [Requires(Action.ReadAuditLogs)],
  name: 'auditLogs',
  description: 'ADMIN: who changed what, newest first.',
}) {
  constructor(private readonly audit: AuditService) {
    super();
  }

  protected get connectionReader(): AuditService {
    return this.audit;
  }
}
