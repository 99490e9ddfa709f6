import { Injectable, OnModuleInit } from '@nestjs/common';
import { LoaderKey, LoaderRegistry, perParent } from '../common/graphql/loaders.js';
import { NESTED_LIST_LIMIT } from '../common/pagination/nested-list.js';
import { CommentsRepository } from './comments.repository.js';
import type { CommentRecord } from './comment.record.js';

/** The newest NESTED_LIST_LIMIT comments of a lead (lead.comments). */
export const COMMENTS_BY_LEAD = new LoaderKey<string, CommentRecord[]>('commentsByLead');
/** The same of a deal (deal.comments). */
export const COMMENTS_BY_DEAL = new LoaderKey<string, CommentRecord[]>('commentsByDeal');

@Injectable()
export class CommentLoaders implements OnModuleInit {
  constructor(
    private readonly registry: LoaderRegistry,
    private readonly comments: CommentsRepository,
  ) {}

  onModuleInit(): void {
    const latest =
      (parent: 'lead_id' | 'deal_id') =>
      (companyId: string, ids: readonly string[], fields: readonly string[] | null) =>
        this.comments.latestFor(parent, companyId, ids, NESTED_LIST_LIMIT, fields);
    this.registry.define(
      COMMENTS_BY_LEAD,
      perParent(latest('lead_id'), (row) => row.leadId),
    );
    this.registry.define(
      COMMENTS_BY_DEAL,
      perParent(latest('deal_id'), (row) => row.dealId),
    );
  }
}
