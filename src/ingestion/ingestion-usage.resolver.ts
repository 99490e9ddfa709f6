import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { Query, Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { IngestionUsageService } from './ingestion-usage.service.js';
import { IngestionUsageType } from './ingestion-usage.type.js';

@Resolver()
export class IngestionUsageResolver {
  constructor(private readonly usage: IngestionUsageService) {}

  @Requires(Action.ReadIngestionUsage)
  @Query(() => IngestionUsageType, {
    description:
      'ADMIN: the company’s use of POST /api/lead against its limits (all API keys together).',
  })
  async ingestionUsage(@CurrentAuth() auth: AuthContext): Promise<IngestionUsageType> {
    return Object.assign(new IngestionUsageType(), await this.usage.usage(auth));
  }
}
