import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { IdArg } from '../common/graphql/id-field.decorators.js';
import { refersTo } from '../common/records/reference-fields.js';
import { RecordQueries } from '../common/records/record-queries.resolver.js';
import { ListSize } from '../common/graphql/query-cost.decorators.js';
import { userRef } from '../users/user.loaders.js';
import { CreateLeadInput } from './dto/create-lead.input.js';
import { LeadsArgs } from './dto/leads.args.js';
import { UpdateLeadInput } from './dto/update-lead.input.js';
import { LEAD_BY_ID } from './lead.loaders.js';
import { LeadIntakeService } from './lead-intake.service.js';
import { LeadsService } from './leads.service.js';
import { LeadConnection } from './lead-connection.type.js';
import { LeadType } from './lead.type.js';

@Resolver(() => LeadType)
export class LeadsResolver extends RecordQueries({
  service: LeadsService,
  node: LeadType,
  connection: LeadConnection,
  args: LeadsArgs,
  toNode: (lead) => LeadType.from(lead),
  caller: CurrentAuth,
  decorators: [Requires(Action.ReadRecords)],
  list: {
    name: 'leads',
    description: 'A page of the company’s leads; newest first unless orderBy says otherwise.',
  },
  connectionName: 'leadsConnection',
  connectionDescription:
    'The leads list as a cursor connection, with totalCount; same filter and order.',
  byId: {
    name: 'lead',
    description: 'A live lead of your company, or null.',
    idDescription: 'The lead’s id.',
  },
  // Interactions of a page of leads ask for their lead: it is already at hand.
  primes: LEAD_BY_ID,
  references: {
    assignedTo: refersTo(userRef, 'assignedToId', 'Who works the lead; null when nobody is.'),
  },
}) {
  constructor(private readonly intake: LeadIntakeService) {
    super();
  }

  @Requires(Action.CreateLeads)
  @Mutation(() => LeadType, {
    description: 'A new lead; CONFLICT when a live lead of the company has its email.',
  })
  async createLead(
    @CurrentAuth() auth: AuthContext,
    @Args('createLeadInput', { description: 'The new lead.' }) input: CreateLeadInput,
  ): Promise<LeadType> {
    return LeadType.from(await this.service.create(auth, input));
  }

  @Requires(Action.ImportLeads)
  @Mutation(() => [LeadType], {
    description:
      'Up to 1 000 leads at once: all are created, or none (errors name inputs.N.field).',
  })
  @ListSize({ lengthOf: 'inputs' })
  async createLeads(
    @CurrentAuth() auth: AuthContext,
    @Args('inputs', { type: () => [CreateLeadInput], description: '1 to 1 000 new leads.' })
    inputs: CreateLeadInput[],
  ): Promise<LeadType[]> {
    return (await this.intake.createMany(auth, inputs)).map((lead) => LeadType.from(lead));
  }

  @Requires(Action.WriteAssignedRecord)
  @Mutation(() => LeadType, {
    description: 'Changes only the fields given; null clears an optional one.',
  })
  async updateLead(
    @CurrentAuth() auth: AuthContext,
    @Args('updateLeadInput', { description: 'The lead and the fields to change.' })
    input: UpdateLeadInput,
  ): Promise<LeadType> {
    return LeadType.from(await this.service.update(auth, input));
  }

  @Requires(Action.WriteAnyRecord)
  @Mutation(() => LeadType, {
    description: 'MANAGER/ADMIN: assign to a user of your company, or unassign with null.',
  })
  async assignLead(
    @CurrentAuth() auth: AuthContext,
    @IdArg('id', 'The lead’s id.') id: string,
    @IdArg('userId', 'An active user of your company; null unassigns.', { nullable: true })
    userId: string | null,
  ): Promise<LeadType> {
    return LeadType.from(await this.service.assign(auth, id, userId));
  }

  @Requires(Action.WriteAssignedRecord)
  @Mutation(() => Boolean, { description: 'Soft delete: hidden everywhere until restoreLead.' })
  removeLead(
    @CurrentAuth() auth: AuthContext,
    @IdArg('id', 'The lead’s id.') id: string,
  ): Promise<boolean> {
    return this.service.remove(auth, id);
  }

  @Requires(Action.ReadDeletedRecords)
  @Mutation(() => LeadType, {
    description: 'MANAGER/ADMIN: bring back a removed lead (CONFLICT if its email was reused).',
  })
  async restoreLead(
    @CurrentAuth() auth: AuthContext,
    @IdArg('id', 'The lead’s id.') id: string,
  ): Promise<LeadType> {
    return LeadType.from(await this.service.restore(auth, id));
  }

  @Requires(Action.PurgeRecords)
  @Mutation(() => Boolean, { description: 'ADMIN: delete a lead and its interactions for good.' })
  purgeLead(
    @CurrentAuth() auth: AuthContext,
    @IdArg('id', 'The lead’s id.') id: string,
  ): Promise<boolean> {
    return this.service.purge(auth, id);
  }
}
