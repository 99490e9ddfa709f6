import { Module } from '@nestjs/common';
import { CompaniesModule } from '../companies/companies.module.js';
import { LeadsModule } from '../leads/leads.module.js';
import { UsersModule } from '../users/users.module.js';
import { DealLoaders } from './deal.loaders.js';
import { DealsRepository } from './deals.repository.js';
import { DealsResolver } from './deals.resolver.js';
import { DealsService } from './deals.service.js';
import { LeadDealsResolver } from './lead-deals.resolver.js';

/** The deals pipeline (README, “Deals”). */
@Module({
  imports: [CompaniesModule, LeadsModule, UsersModule],
  providers: [DealsRepository, DealsService, DealsResolver, LeadDealsResolver, DealLoaders],
  exports: [DealsService],
})
export class DealsModule {}
