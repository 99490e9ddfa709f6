import { UuidPipe } from '../common/graphql/uuid.pipe.js';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { PageArgs } from '../common/graphql/page.args.js';
import { toConnection } from '../common/pagination/page.js';
import { RawLeadFilter } from './dto/raw-lead-filter.input.js';
import { RawLeadConnection } from './raw-lead-connection.type.js';
import { RawLeadType } from './raw-lead.type.js';
import { RawLeadsService } from './raw-leads.service.js';

@Resolver(() => RawLeadType)
export class RawLeadsResolver {
  constructor(private readonly raws: RawLeadsService) {}

  @Query(() => RawLeadConnection, {
    description: 'ADMIN: every submission to POST /api/lead, newest first.',
  })
  async rawLeadsConnection(
    @CurrentAuth() auth: AuthContext,
    @Args() page: PageArgs,
    @Args('filter', {
      type: () => RawLeadFilter,
      nullable: true,
      description: 'Only submissions matching it.',
    })
    filter?: RawLeadFilter | null,
  ): Promise<RawLeadConnection> {
    const result = await this.raws.page(auth, filter ?? {}, page.first, page.after);
    return toConnection(
      result,
      (raw) => RawLeadType.from(raw),
      () => this.raws.count(auth, filter ?? {}),
    );
  }

  @Mutation(() => RawLeadType, {
    description: 'ADMIN: process a waiting or failed submission again, now.',
  })
  async reprocessRawLead(
    @CurrentAuth() auth: AuthContext,
    @Args('id', { type: () => ID, description: 'The submission.' }, new UuidPipe('id')) id: string,
  ): Promise<RawLeadType> {
    return RawLeadType.from(await this.raws.reprocess(auth, id));
  }
}
