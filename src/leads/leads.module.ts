import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { UsersModule } from '../users/users.module.js';
import { LeadLoaders } from './lead.loaders.js';
import { LeadsExportController } from './leads-export.controller.js';
import { LeadsRepository } from './leads.repository.js';
import { LeadsResolver } from './leads.resolver.js';
import { LeadsService } from './leads.service.js';

/** Exports what the features built on leads may use: the lead rules. */
@Module({
  imports: [AccessModule, UsersModule, RateLimitModule],
  controllers: [LeadsExportController],
  providers: [LeadsRepository, LeadsService, LeadsResolver, LeadLoaders],
  exports: [LeadsService],
})
export class LeadsModule {}
