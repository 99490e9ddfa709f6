import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../auth/decorators/current-auth.decorator.js';
import { IdArg } from '../common/graphql/id-field.decorators.js';
import { refersTo } from '../common/records/reference-fields.js';
import { RecordConnection } from '../common/records/record-connection.resolver.js';
import { dealRef } from '../deals/deal.loaders.js';
import { leadRef } from '../leads/lead.loaders.js';
import { userRef } from '../users/user.loaders.js';
import { CommentsService } from './comments.service.js';
import { AddCommentInput } from './dto/add-comment.input.js';
import { CommentsArgs } from './dto/comments.args.js';
import { CommentConnection } from './comment-connection.type.js';
import { CommentType } from './comment.type.js';

@Resolver(() => CommentType)
export class CommentsResolver extends RecordConnection({
  service: CommentsService,
  node: CommentType,
  connection: CommentConnection,
  args: CommentsArgs,
  filter: (args) => args,
  toNode: (comment) => CommentType.from(comment),
  caller: CurrentAuth,
  name: 'comments',
  description: 'The comments of a lead or a deal (give exactly one), newest first.',
  decorators: [Requires(Action.ReadRecords)],
  references: {
    author: refersTo(userRef, 'authorId', 'Who wrote it; null once the user is gone.'),
    lead: refersTo(
      leadRef,
      'leadId',
      'The lead commented on, while it is live; null on a deal’s comment.',
    ),
    deal: refersTo(
      dealRef,
      'dealId',
      'The deal commented on, while it is live; null on a lead’s comment.',
    ),
  },
}) {
  @Requires(Action.CreateRecords)
  @Mutation(() => CommentType, {
    description:
      'On a lead or a deal you can read; its assignee and earlier commenters are told (comment_added).',
  })
  async addComment(
    @CurrentAuth() auth: AuthContext,
    @Args('input', { description: 'Where, and what.' }) input: AddCommentInput,
  ): Promise<CommentType> {
    return CommentType.from(await this.service.add(auth, input));
  }

  @Requires(Action.ReadRecords)
  @Mutation(() => Boolean, { description: 'By its author, or an ADMIN.' })
  removeComment(
    @CurrentAuth() auth: AuthContext,
    @IdArg('id', 'The comment to remove.')
    id: string,
  ): Promise<boolean> {
    return this.service.remove(auth, id);
  }
}
