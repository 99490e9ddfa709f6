import { Injectable } from '@nestjs/common';
import type { Transaction } from 'sequelize';
import { actorOf, userIdOf, type AuthContext } from '../auth/auth-context.js';
import { Action, authorize, can } from '../auth/permissions.js';
import { BadUserInputException, NotFoundException } from '../common/errors/app.exception.js';
import { DomainEvents } from '../common/events/domain-events.js';
import type { FieldChanges } from '../common/events/event-payload.js';
import { pageSize } from '../common/pagination/cursor.js';
import { toPage, type Page } from '../common/pagination/page.js';
import { Transactions } from '../database/transactions.js';
import { DealAccess } from '../deals/deal-access.js';
import { LeadAccess } from '../leads/lead-access.js';
import { CommentException, CommentReason } from './comment.exception.js';
import { CommentEvents, type CommentFields } from './comments.events.js';
import { COMMENT_KEYSET, CommentsRepository, type CommentParent } from './comments.repository.js';
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
    private readonly leads: LeadAccess,
    private readonly deals: DealAccess,
    private readonly transactions: Transactions,
    private readonly events: DomainEvents,
  ) {}

  /** One record's comments, newest first; NOT_FOUND when it is not the caller's to read. */
  async page(auth: AuthContext, args: CommentsArgs): Promise<Page<CommentRecord>> {
    const parent = parentOf(args);
    await this.requireReadable(auth, parent);
    const limit = pageSize(args.first);
    const after = args.after ? COMMENT_KEYSET.decode(args.after) : undefined;
    const rows = await this.comments.page(auth.companyId, parent, limit + 1, after);
    return toPage(rows, limit, (row) => COMMENT_KEYSET.cursorOf(row), args.after);
  }

  /** How many comments the record has; called only after `page` checked it is readable. */
  count(auth: AuthContext, args: CommentsArgs): Promise<number> {
    return this.comments.count(auth.companyId, parentOf(args));
  }

  async add(auth: AuthContext, input: AddCommentInput): Promise<CommentRecord> {
    authorize(auth, Action.CreateRecords);
    const parent = parentOf(input);
    return this.transactions.run(async (transaction) => {
      await this.requireReadable(auth, parent, transaction);
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
    authorize(auth, Action.ReadRecords);
    return this.transactions.run(async (transaction) => {
      const comment = await this.comments.findLive(auth.companyId, id, transaction);
      if (!comment) throw new NotFoundException('Comment', id);
      if (!isAuthorOrAdmin(auth, comment))
        throw new CommentException(
          CommentReason.NOT_AUTHOR,
          'Only its author or an ADMIN removes a comment',
        );
      await this.comments.remove(comment, transaction);
      const changes = { body: { from: comment.body, to: null } };
      await this.publish(auth, CommentEvents.Removed, comment, changes, transaction);
      return true;
    });
  }

  private async requireReadable(
    auth: AuthContext,
    parent: CommentParent,
    transaction?: Transaction,
  ): Promise<void> {
    if (parent.column === 'lead_id') await this.leads.requireReadable(auth, parent.id, transaction);
    else await this.deals.requireReadable(auth, parent.id);
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

/** Exactly one of leadId and dealId. */
function parentOf(target: { leadId?: string | null; dealId?: string | null }): CommentParent {
  if (target.leadId && !target.dealId) return { column: 'lead_id', id: target.leadId };
  if (target.dealId && !target.leadId) return { column: 'deal_id', id: target.dealId };
  throw BadUserInputException.forField('leadId', 'Give exactly one of leadId and dealId');
}

function isAuthorOrAdmin(auth: AuthContext, comment: CommentRecord): boolean {
  if (can(auth, Action.RemoveAnyComment)) return true;
  return comment.authorId !== null && comment.authorId === userIdOf(auth);
}
