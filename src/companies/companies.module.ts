import { Module } from '@nestjs/common';
import { CompaniesRepository } from './companies.repository.js';
import { CompaniesResolver } from './companies.resolver.js';
import { CompaniesService } from './companies.service.js';

/** The tenant's own settings (docs/features/companies.md); companies are created by sign-up (users/). */
@Module({
  providers: [CompaniesRepository, CompaniesService, CompaniesResolver],
  exports: [CompaniesService],
})
export class CompaniesModule {}
