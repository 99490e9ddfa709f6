import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/pagination/connection.type.js';
import { AuditLogType } from './audit-log.type.js';

@ObjectType()
export class AuditLogConnection extends Connection(AuditLogType, 'AuditLog') {}
