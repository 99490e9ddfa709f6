import { Module } from '@nestjs/common';
import { AuditListener } from './audit.listener.js';
import { AuditRepository } from './audit.repository.js';
import { AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';

@Module({
  providers: [AuditRepository, AuditService, AuditResolver, AuditListener],
  exports: [AuditService],
})
export class AuditModule {}
