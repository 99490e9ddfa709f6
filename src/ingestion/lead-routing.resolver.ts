import { UuidPipe } from '../common/graphql/uuid.pipe.js';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { LeadRouting } from './lead-routing.enum.js';
import { LeadRoutingService } from './lead-routing.service.js';

@Resolver()
export class LeadRoutingResolver {
  constructor(private readonly routing: LeadRoutingService) {}

  @Query(() => LeadRouting, { description: 'ADMIN: whom leads sent to POST /api/lead go to.' })
  leadRouting(@CurrentAuth() auth: AuthContext): Promise<LeadRouting> {
    return this.routing.mode(auth);
  }

  @Mutation(() => LeadRouting, {
    description: 'ADMIN: set whom leads sent to POST /api/lead go to; returns the new mode.',
  })
  setLeadRouting(
    @CurrentAuth() auth: AuthContext,
    @Args('mode', { type: () => LeadRouting, description: 'The new mode.' }) mode: LeadRouting,
  ): Promise<LeadRouting> {
    return this.routing.setMode(auth, mode);
  }

  @Mutation(() => Boolean, {
    description: 'ADMIN: the user an API key’s leads go to under API_KEY_DEFAULT; null clears it.',
  })
  setApiKeyDefaultAssignee(
    @CurrentAuth() auth: AuthContext,
    @Args(
      'apiKeyId',
      { type: () => ID, description: 'An API key of your company.' },
      new UuidPipe('apiKeyId'),
    )
    apiKeyId: string,
    @Args(
      'userId',
      { type: () => ID, nullable: true, description: 'An active user of your company, or null.' },
      new UuidPipe('userId', { nullable: true }),
    )
    userId: string | null,
  ): Promise<boolean> {
    return this.routing.setKeyAssignee(auth, apiKeyId, userId);
  }
}
