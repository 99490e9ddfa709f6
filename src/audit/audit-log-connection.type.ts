import { ObjectType } from '@nestjs/graphql';
import { Connection, connectionDescription } from '../common/pagination/connection.type.js';
import { AuditLogType } from './audit-log.type.js';

@ObjectType({ description: connectionDescription('AuditLog') })
export class AuditLogConnection extends Connection(AuditLogType, 'AuditLog') {}
