import { Injectable, OnModuleInit } from '@nestjs/common';
import { groupedBy, LoaderKey, LoaderRegistry } from '../common/graphql/loaders.js';
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
    this.registry.define(COMMENTS_BY_LEAD, async (companyId, leadIds, fields) => {
      const rows = await this.comments.latestFor(
        'lead_id',
        companyId,
        leadIds,
        NESTED_LIST_LIMIT,
        fields,
      );
      return groupedBy(leadIds, rows, (row) => row.leadId);
    });
    this.registry.define(COMMENTS_BY_DEAL, async (companyId, dealIds, fields) => {
      const rows = await this.comments.latestFor(
        'deal_id',
        companyId,
        dealIds,
        NESTED_LIST_LIMIT,
        fields,
      );
      return groupedBy(dealIds, rows, (row) => row.dealId);
    });
  }
}
