import { Module } from '@nestjs/common';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { UsersModule } from '../users/users.module.js';
import { LeadAccess } from './lead-access.js';
import { LeadLoaders } from './lead.loaders.js';
import { LeadsExportController } from './leads-export.controller.js';
import { LeadsRepository } from './leads.repository.js';
import { LeadsResolver } from './leads.resolver.js';
import { LeadsService } from './leads.service.js';

/** Exports what the features built on leads may use: the lead rules and the access helper. */
@Module({
  imports: [UsersModule, RateLimitModule],
  controllers: [LeadsExportController],
  providers: [LeadsRepository, LeadsService, LeadsResolver, LeadAccess, LeadLoaders],
  exports: [LeadsService, LeadAccess],
})
export class LeadsModule {}
