import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { CompaniesService } from './companies.service.js';
import { CompanyType } from './company.type.js';

@Resolver(() => CompanyType)
export class CompaniesResolver {
  constructor(private readonly companies: CompaniesService) {}

  @Query(() => CompanyType, { description: 'Your company.' })
  async company(@CurrentAuth() auth: AuthContext): Promise<CompanyType> {
    return CompanyType.from(await this.companies.mine(auth));
  }

  @Mutation(() => CompanyType, {
    description: 'ADMIN: the company’s currency (ISO 4217, e.g. EUR); deals default to it.',
  })
  async setCompanyCurrency(
    @CurrentAuth() auth: AuthContext,
    @Args('currency', { description: 'A three-letter ISO 4217 code.' }) currency: string,
  ): Promise<CompanyType> {
    return CompanyType.from(await this.companies.setCurrency(auth, currency));
  }
}
