import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { IdArg } from '../common/graphql/id-field.decorators.js';
import { Mutation, Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { RecordConnection } from '../common/records/record-connection.resolver.js';
import type { RawLeadFilter } from './dto/raw-lead-filter.input.js';
import { RawLeadsArgs } from './dto/raw-leads.args.js';
import type { RawLeadRecord } from './raw-lead.record.js';
import { RawLeadConnection } from './raw-lead-connection.type.js';
import { RawLeadType } from './raw-lead.type.js';
import { RawLeadsService } from './raw-leads.service.js';

@Resolver(() => RawLeadType)
export class RawLeadsResolver extends RecordConnection<
  AuthContext,
  RawLeadRecord,
  RawLeadType,
  RawLeadsArgs,
  RawLeadFilter
>({
  filter: (args) => args.filter ?? {},
  connection: RawLeadConnection,
  args: RawLeadsArgs,
  toNode: (raw) => RawLeadType.from(raw),
  caller: CurrentAuth,
  decorators: [Requires(Action.ReadSubmissions)],
  name: 'rawLeadsConnection',
  description: 'ADMIN: every submission to POST /api/lead, newest first.',
}) {
  constructor(private readonly raws: RawLeadsService) {
    super();
  }

  protected get connectionReader(): RawLeadsService {
    return this.raws;
  }

  @Requires(Action.ReprocessSubmissions)
  @Mutation(() => RawLeadType, {
    description: 'ADMIN: process a waiting or failed submission again, now.',
  })
  async reprocessRawLead(
    @CurrentAuth() auth: AuthContext,
    @IdArg('id', 'The submission.') id: string,
  ): Promise<RawLeadType> {
    return RawLeadType.from(await this.raws.reprocess(auth, id));
  }
}
