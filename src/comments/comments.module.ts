import { Module } from '@nestjs/common';
import { DealsModule } from '../deals/deals.module.js';
import { LeadsModule } from '../leads/leads.module.js';
import { CommentLoaders } from './comment.loaders.js';
import { CommentsRepository } from './comments.repository.js';
import { CommentsResolver } from './comments.resolver.js';
import { CommentsService } from './comments.service.js';
import { DealCommentsResolver } from './deal-comments.resolver.js';
import { LeadCommentsResolver } from './lead-comments.resolver.js';

/** Comments on leads and deals (docs/features/comments.md). */
@Module({
  imports: [LeadsModule, DealsModule],
  providers: [
    CommentsRepository,
    CommentsService,
    CommentsResolver,
    LeadCommentsResolver,
    DealCommentsResolver,
    CommentLoaders,
  ],
})
export class CommentsModule {}
