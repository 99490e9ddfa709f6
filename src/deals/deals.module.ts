import { Module } from '@nestjs/common';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { CompaniesModule } from '../companies/companies.module.js';
import { LeadsModule } from '../leads/leads.module.js';
import { UsersModule } from '../users/users.module.js';
import { DealAccess } from './deal-access.js';
import { DealStatsListener } from './deal-stats.listener.js';
import { DealStatsRepository } from './deal-stats.repository.js';
import { DealStatsResolver } from './deal-stats.resolver.js';
import { DealStatsService } from './deal-stats.service.js';
import { DealLoaders } from './deal.loaders.js';
import { DealsExportController } from './deals-export.controller.js';
import { DealsRepository } from './deals.repository.js';
import { DealsResolver } from './deals.resolver.js';
import { DealsService } from './deals.service.js';
import { LeadDealsResolver } from './lead-deals.resolver.js';

/** The deals pipeline (docs/features/deals.md). */
@Module({
  imports: [CompaniesModule, LeadsModule, UsersModule, RateLimitModule],
  controllers: [DealsExportController],
  providers: [
    DealsRepository,
    DealAccess,
    DealsService,
    DealsResolver,
    LeadDealsResolver,
    DealLoaders,
    DealStatsRepository,
    DealStatsService,
    DealStatsListener,
    DealStatsResolver,
  ],
  exports: [DealsService, DealAccess],
})
export class DealsModule {}
