import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { FirstArg } from '../common/graphql/first.arg.js';
import { IdArg } from '../common/graphql/id-field.decorators.js';
import { refersTo } from '../common/records/reference-fields.js';
import { RecordQueries } from '../common/records/record-queries.resolver.js';
import { leadRef } from '../leads/lead.loaders.js';
import { userRef } from '../users/user.loaders.js';
import { CreateInteractionInput } from './dto/create-interaction.input.js';
import { InteractionsArgs } from './dto/interactions.args.js';
import { UpdateInteractionInput } from './dto/update-interaction.input.js';
import { InteractionsService } from './interactions.service.js';
import { InteractionConnection } from './interaction-connection.type.js';
import { InteractionType } from './interaction.type.js';

@Resolver(() => InteractionType)
export class InteractionsResolver extends RecordQueries({
  service: InteractionsService,
  node: InteractionType,
  connection: InteractionConnection,
  args: InteractionsArgs,
  toNode: (interaction) => InteractionType.from(interaction),
  caller: CurrentAuth,
  decorators: [Requires(Action.ReadRecords)],
  list: {
    name: 'interactions',
    description: 'A page of the company’s interactions, newest first.',
  },
  connectionName: 'interactionsConnection',
  connectionDescription: 'The interactions list as a cursor connection, with totalCount.',
  byId: {
    name: 'interaction',
    description: 'An interaction with a live lead of your company, or null.',
    idDescription: 'The interaction’s id.',
  },
  references: {
    lead: refersTo(leadRef, 'leadId', 'The lead it was with.', { nullable: false }),
    createdBy: refersTo(userRef, 'createdById', 'Who logged it.'),
  },
}) {
  @Requires(Action.ReadRecords)
  @Query(() => [InteractionType], { description: 'A lead’s interactions, newest first.' })
  async interactionsByLead(
    @CurrentAuth() auth: AuthContext,
    @IdArg('leadId', 'A live lead you can read.')
    leadId: string,
    @FirstArg() first: number,
  ): Promise<InteractionType[]> {
    return (await this.service.byLead(auth, leadId, first)).map((i) => InteractionType.from(i));
  }

  @Requires(Action.CreateRecords)
  @Mutation(() => InteractionType, {
    description: 'Log a call, email or meeting with a lead you may change.',
  })
  async createInteraction(
    @CurrentAuth() auth: AuthContext,
    @Args('createInteractionInput', { description: 'The interaction to log.' })
    input: CreateInteractionInput,
  ): Promise<InteractionType> {
    return InteractionType.from(await this.service.create(auth, input));
  }

  @Requires(Action.WriteAssignedRecord)
  @Mutation(() => InteractionType, {
    description: 'Changes only the fields given; the lead cannot change.',
  })
  async updateInteraction(
    @CurrentAuth() auth: AuthContext,
    @Args('updateInteractionInput', { description: 'The interaction and the fields to change.' })
    input: UpdateInteractionInput,
  ): Promise<InteractionType> {
    return InteractionType.from(await this.service.update(auth, input));
  }

  @Requires(Action.WriteAssignedRecord)
  @Mutation(() => Boolean, {
    description: 'Delete an interaction of a lead you may change, for good.',
  })
  removeInteraction(
    @CurrentAuth() auth: AuthContext,
    @IdArg('id', 'The interaction’s id.')
    id: string,
  ): Promise<boolean> {
    return this.service.remove(auth, id);
  }
}
