import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { IdArg } from '../common/graphql/id-field.decorators.js';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { LeadRouting } from './lead-routing.enum.js';
import { LeadRoutingService } from './lead-routing.service.js';

@Resolver()
export class LeadRoutingResolver {
  constructor(private readonly routing: LeadRoutingService) {}

  @Requires(Action.ManageLeadRouting)
  @Query(() => LeadRouting, { description: 'ADMIN: whom leads sent to POST /api/lead go to.' })
  leadRouting(@CurrentAuth() auth: AuthContext): Promise<LeadRouting> {
    return this.routing.mode(auth);
  }

  @Requires(Action.ManageLeadRouting)
  @Mutation(() => LeadRouting, {
    description: 'ADMIN: set whom leads sent to POST /api/lead go to; returns the new mode.',
  })
  setLeadRouting(
    @CurrentAuth() auth: AuthContext,
    @Args('mode', { type: () => LeadRouting, description: 'The new mode.' }) mode: LeadRouting,
  ): Promise<LeadRouting> {
    return this.routing.setMode(auth, mode);
  }

  @Requires(Action.ManageLeadRouting)
  @Mutation(() => Boolean, {
    description: 'ADMIN: the user an API key’s leads go to under API_KEY_DEFAULT; null clears it.',
  })
  setApiKeyDefaultAssignee(
    @CurrentAuth() auth: AuthContext,
    @IdArg('apiKeyId', 'An API key of your company.')
    apiKeyId: string,
    @IdArg('userId', 'An active user of your company, or null.', { nullable: true })
    userId: string | null,
  ): Promise<boolean> {
    return this.routing.setKeyAssignee(auth, apiKeyId, userId);
  }
}
