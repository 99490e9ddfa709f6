import { Module } from '@nestjs/common';
import { ModelsModule } from '../database/models.module.js';
import { AuditListener } from './audit.listener.js';
import { AuditRepository } from './audit.repository.js';
import { AuditResolver } from './audit.resolver.js';
import { AuditService } from './audit.service.js';
import { AuditLog } from './audit-log.model.js';

@Module({
  imports: [ModelsModule.forFeature([AuditLog])],
  providers: [AuditRepository, AuditService, AuditResolver, AuditListener],
  exports: [AuditService],
})
export class AuditModule {}
