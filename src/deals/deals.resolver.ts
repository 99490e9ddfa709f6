import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { IdArg } from '../common/graphql/id-field.decorators.js';
import { refersTo } from '../common/records/reference-fields.js';
import { RecordQueries } from '../common/records/record-queries.resolver.js';
import { leadRef } from '../leads/lead.loaders.js';
import { userRef } from '../users/user.loaders.js';
import { DealsService, type BulkResult } from './deals.service.js';
import { BulkUpdateDealsInput } from './dto/bulk-update-deals.input.js';
import { ConvertLeadToDealInput } from './dto/convert-lead-to-deal.input.js';
import { CreateDealInput } from './dto/create-deal.input.js';
import { DealIdsArgs } from './dto/deal-ids.args.js';
import { DealsArgs } from './dto/deals.args.js';
import { UpdateDealInput } from './dto/update-deal.input.js';
import { BulkDealsResultType } from './bulk-deals-result.type.js';
import { DealConnection } from './deal-connection.type.js';
import { DealType } from './deal.type.js';

@Resolver(() => DealType)
export class DealsResolver extends RecordQueries({
  service: DealsService,
  node: DealType,
  connection: DealConnection,
  args: DealsArgs,
  toNode: (deal) => DealType.from(deal),
  caller: CurrentAuth,
  decorators: [Requires(Action.ReadRecords)],
  list: {
    name: 'deals',
    description: 'A page of the company’s deals; newest first unless orderBy says otherwise.',
  },
  connectionName: 'dealsConnection',
  connectionDescription:
    'The deals list as a cursor connection, with totalCount; same filter and order.',
  byId: {
    name: 'deal',
    description: 'A live deal of your company, or null.',
    idDescription: 'The deal’s id.',
  },
  references: {
    lead: refersTo(leadRef, 'leadId', 'The contact, while it is live.'),
    assignedTo: refersTo(userRef, 'assignedToId', 'Who works the deal; null when nobody is.'),
    createdBy: refersTo(
      userRef,
      'createdById',
      'Who created it; null when an API key or the system did.',
    ),
  },
}) {
  @Requires(Action.CreateRecords)
  @Mutation(() => DealType, {
    description: 'A new deal, of a lead you may change when leadId is given.',
  })
  async createDeal(
    @CurrentAuth() auth: AuthContext,
    @Args('createDealInput', { description: 'The new deal.' }) input: CreateDealInput,
  ): Promise<DealType> {
    return DealType.from(await this.service.create(auth, input));
  }

  @Requires(Action.CreateRecords)
  @Mutation(() => DealType, {
    description:
      'The lead marked CONVERTED and its deal created, at once; what input leaves out comes from the lead.',
  })
  async convertLeadToDeal(
    @CurrentAuth() auth: AuthContext,
    @IdArg('leadId', 'A live lead of your company.')
    leadId: string,
    @Args('input', { nullable: true, description: 'The deal’s fields; omit to take the lead’s.' })
    input?: ConvertLeadToDealInput,
  ): Promise<DealType> {
    return DealType.from(
      await this.service.convertLead(auth, leadId, input ?? new ConvertLeadToDealInput()),
    );
  }

  @Requires(Action.WriteAssignedRecord)
  @Mutation(() => DealType, { description: 'Partial; a SALES_REP changes only their own deals.' })
  async updateDeal(
    @CurrentAuth() auth: AuthContext,
    @Args('updateDealInput', { description: 'The deal and the fields to change.' })
    input: UpdateDealInput,
  ): Promise<DealType> {
    return DealType.from(await this.service.update(auth, input));
  }

  @Requires(Action.WriteAssignedRecord)
  @Mutation(() => Boolean, { description: 'Soft delete; MANAGER/ADMIN can restore it.' })
  removeDeal(
    @CurrentAuth() auth: AuthContext,
    @IdArg('id', 'The deal’s id.') id: string,
  ): Promise<boolean> {
    return this.service.remove(auth, id);
  }

  @Requires(Action.ReadDeletedRecords)
  @Mutation(() => DealType, { description: 'MANAGER/ADMIN: bring a removed deal back.' })
  async restoreDeal(
    @CurrentAuth() auth: AuthContext,
    @IdArg('id', 'The deal’s id.') id: string,
  ): Promise<DealType> {
    return DealType.from(await this.service.restore(auth, id));
  }

  @Requires(Action.WriteAssignedRecord)
  @Mutation(() => BulkDealsResultType, {
    description:
      'One stage, priority or assignee for up to 1 000 deals at once; a SALES_REP reaches only their own.',
  })
  bulkUpdateDeals(
    @CurrentAuth() auth: AuthContext,
    @Args() { ids }: DealIdsArgs,
    @Args('input', { description: 'What every deal is given.' }) input: BulkUpdateDealsInput,
  ): Promise<BulkResult> {
    return this.service.bulkUpdate(auth, ids, input);
  }

  @Requires(Action.WriteAssignedRecord)
  @Mutation(() => BulkDealsResultType, {
    description: 'Soft delete of up to 1 000 deals at once; a SALES_REP reaches only their own.',
  })
  bulkDeleteDeals(
    @CurrentAuth() auth: AuthContext,
    @Args() { ids }: DealIdsArgs,
  ): Promise<BulkResult> {
    return this.service.bulkRemove(auth, ids);
  }
}
