import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { IdArg } from '../common/graphql/id-field.decorators.js';
import { Mutation, Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { RecordConnection } from '../common/records/record-connection.resolver.js';
import { RawLeadsArgs } from './dto/raw-leads.args.js';
import { RawLeadConnection } from './raw-lead-connection.type.js';
import { RawLeadType } from './raw-lead.type.js';
import { RawLeadsService } from './raw-leads.service.js';

@Resolver(() => RawLeadType)
export class RawLeadsResolver extends RecordConnection({
  service: RawLeadsService,
  node: RawLeadType,
  filter: (args) => args.filter ?? {},
  connection: RawLeadConnection,
  args: RawLeadsArgs,
  toNode: (raw) => RawLeadType.from(raw),
  caller: CurrentAuth,
  decorators: [Requires(Action.ReadSubmissions)],
  name: 'rawLeadsConnection',
  description: 'ADMIN: every submission to POST /api/lead, newest first.',
}) {
  @Requires(Action.ReprocessSubmissions)
  @Mutation(() => RawLeadType, {
    description: 'ADMIN: process a waiting or failed submission again, now.',
  })
  async reprocessRawLead(
    @CurrentAuth() auth: AuthContext,
    @IdArg('id', 'The submission.') id: string,
  ): Promise<RawLeadType> {
    return RawLeadType.from(await this.service.reprocess(auth, id));
  }
}
