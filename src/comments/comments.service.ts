import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { AccessService } from '../access/access.service.js';
import { RecordPermission } from '../access/record-permission.js';
import { actorOf, userIdOf, type AuthContext } from '../auth/auth-context.js';
import { Action, authorize } from '../access/permissions.js';
import { BadUserInputException, NotFoundException } from '../common/errors/app.exception.js';
import { DomainEvents } from '../common/events/domain-events.js';
import type { FieldChanges } from '../common/events/event-payload.js';
import type { Page } from '../common/pagination/page.js';
import { Listing } from '../common/records/listing.js';
import { Transactions } from '../database/transactions.js';
import { CommentEvents, type CommentFields } from './comments.events.js';
import { COMMENT_ORDER, CommentsRepository, type CommentTarget } from './comments.repository.js';
import type { AddCommentInput } from './dto/add-comment.input.js';
import type { CommentsArgs } from './dto/comments.args.js';
import type { CommentRecord } from './comment.record.js';

type CommentEventName = (typeof CommentEvents)[keyof typeof CommentEvents];

/**
 * Comments are conversation about a record: whoever may read a lead or a deal may comment on it
 * and read what others wrote; a comment is removed by its author, or by an ADMIN.
 */
@Injectable()
export class CommentsService {
  constructor(
    private readonly comments: CommentsRepository,
    private readonly access: AccessService,
    private readonly transactions: Transactions,
    private readonly events: DomainEvents,
  ) {}

  /**
   * One record's comments. Whether the record is readable needs the database, so `page` asks
   * before it lists; the list's own rule only insists on exactly one record.
   */
  private readonly list = new Listing(this.comments.list, {
    readable: (_auth: AuthContext, target?: CommentTarget | null) => targetOf(target ?? {}),
    defaultOrder: () => COMMENT_ORDER,
  });

  /** One record's comments, newest first; NOT_FOUND when it is not the caller's to read. */
  async page(auth: AuthContext, args: CommentsArgs): Promise<Page<CommentRecord>> {
    const target = targetOf(args);
    await this.requireReadable(auth, target);
    return this.list.page(auth, { first: args.first, after: args.after, filter: target });
  }

  /** How many comments the record has; called only after `page` checked it is readable. */
  count(auth: AuthContext, target: CommentTarget): Promise<number> {
    return this.list.count(auth, target);
  }

  async add(auth: AuthContext, input: AddCommentInput): Promise<CommentRecord> {
    authorize(auth, Action.CreateRecords);
    const target = targetOf(input);
    return this.transactions.run(async (transaction) => {
      await this.requireReadable(auth, target, transaction);
      const comment = await this.comments.create(
        {
          companyId: auth.companyId,
          leadId: input.leadId ?? null,
          dealId: input.dealId ?? null,
          authorId: userIdOf(auth),
          body: input.body,
        },
        transaction,
      );
      const changes = { body: { from: null, to: comment.body } };
      await this.publish(auth, CommentEvents.Added, comment, changes, transaction);
      return comment;
    });
  }

  async remove(auth: AuthContext, id: string): Promise<boolean> {
    return this.transactions.run(async (transaction) => {
      await this.access.requireOne(auth, RecordPermission.RemoveComment, id, transaction);
      const comment = await this.comments.findLive(auth.companyId, id, transaction);
      if (!comment) throw new NotFoundException('Comment', id);
      await this.comments.remove(comment, transaction);
      const changes = { body: { from: comment.body, to: null } };
      await this.publish(auth, CommentEvents.Removed, comment, changes, transaction);
      return true;
    });
  }

  private async requireReadable(
    auth: AuthContext,
    target: Target,
    transaction?: Transaction,
  ): Promise<void> {
    const [permission, id] =
      target.leadId !== null
        ? [RecordPermission.ReadLead, target.leadId]
        : [RecordPermission.ReadDeal, target.dealId];
    await this.access.requireOne(auth, permission, id, transaction);
  }

  private async publish(
    auth: AuthContext,
    name: CommentEventName,
    comment: CommentRecord,
    changes: FieldChanges<CommentFields>,
    transaction: Transaction,
  ): Promise<void> {
    await this.events.publish(
      name,
      {
        entity: 'Comment',
        records: [
          {
            id: comment.id,
            leadId: comment.leadId,
            dealId: comment.dealId,
            authorId: comment.authorId,
            changes,
          },
        ],
      },
      { actor: actorOf(auth), transaction },
    );
  }
}

/** A lead's comments or a deal's: exactly one. */
type Target = { leadId: string; dealId: null } | { leadId: null; dealId: string };

/** Exactly one of leadId and dealId. */
function targetOf(target: CommentTarget): Target {
  if (target.leadId && !target.dealId) return { leadId: target.leadId, dealId: null };
  if (target.dealId && !target.leadId) return { leadId: null, dealId: target.dealId };
  throw BadUserInputException.forField('leadId', 'Give exactly one of leadId and dealId');
}
