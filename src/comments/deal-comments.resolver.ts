import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { NESTED_LIST_LIMIT } from '../common/pagination/nested-list.js';
import { NestedListResolver } from '../common/records/nested-list.resolver.js';
import { DealType } from '../deals/deal.type.js';
import { COMMENTS_BY_DEAL } from './comment.loaders.js';
import { CommentType } from './comment.type.js';

/** `deal.comments`: added to Deal from here, so deals/ knows no comments. */
export const DealCommentsResolver = NestedListResolver({
  parent: DealType,
  name: 'DealCommentsResolver',
  field: 'comments',
  node: CommentType,
  loader: COMMENTS_BY_DEAL,
  toNode: (row) => CommentType.from(row),
  description: `The newest ${NESTED_LIST_LIMIT}, newest first; comments(dealId) pages through all.`,
  decorators: [Requires(Action.ReadRecords)],
});
