import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { Resolver } from '@nestjs/graphql';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { RecordConnection } from '../common/records/record-connection.resolver.js';
import { AuditService } from './audit.service.js';
import { AuditLogsArgs } from './dto/audit-logs.args.js';
import { AuditLogConnection } from './audit-log-connection.type.js';
import { AuditLogType } from './audit-log.type.js';

@Resolver(() => AuditLogType)
export class AuditResolver extends RecordConnection({
  service: AuditService,
  node: AuditLogType,
  filter: (args) => args.filter ?? {},
  connection: AuditLogConnection,
  args: AuditLogsArgs,
  toNode: (log) => AuditLogType.from(log),
  caller: CurrentAuth,
  decorators: [Requires(Action.ReadAuditLogs)],
  name: 'auditLogs',
  description: 'ADMIN: who changed what, newest first.',
}) {}
