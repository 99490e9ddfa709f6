import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { UsersModule } from '../users/users.module.js';
import { LeadConversionService } from './lead-conversion.service.js';
import { LeadIntakeService } from './lead-intake.service.js';
import { LeadLoaders } from './lead.loaders.js';
import { LeadWrites } from './lead-writes.js';
import { LeadsExportController } from './leads-export.controller.js';
import { LeadsRepository } from './leads.repository.js';
import { LeadsResolver } from './leads.resolver.js';
import { LeadsService } from './leads.service.js';

/**
 * Exports what the features built on leads may use: the lead rules, one service per kind of
 * caller — a user's edits (LeadsService), ingestion and import (LeadIntakeService), a deal's
 * conversion (LeadConversionService).
 */
@Module({
  imports: [AccessModule, UsersModule, RateLimitModule],
  controllers: [LeadsExportController],
  providers: [
    LeadsRepository,
    LeadWrites,
    LeadsService,
    LeadIntakeService,
    LeadConversionService,
    LeadsResolver,
    LeadLoaders,
  ],
  exports: [LeadsService, LeadIntakeService, LeadConversionService],
})
export class LeadsModule {}
