import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/pagination/connection.type.js';
import type { AuditLogFilter } from '../dto/audit-log-filter.input.js';
import { AuditLogType } from './audit-log.type.js';

@ObjectType()
export class AuditLogConnection extends Connection(AuditLogType, 'AuditLog') {
  /** Not a field: what `totalCount` counts, computed only when a client asks for it. */
  filter?: AuditLogFilter;
}
