import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { NESTED_LIST_LIMIT } from '../common/pagination/nested-list.js';
import { NestedListResolver } from '../common/records/nested-list.resolver.js';
import { LeadType } from '../leads/lead.type.js';
import { COMMENTS_BY_LEAD } from './comment.loaders.js';
import { CommentType } from './comment.type.js';

/** `lead.comments`: added to Lead from here, so leads/ knows no comments. */
export const LeadCommentsResolver = NestedListResolver({
  parent: LeadType,
  name: 'LeadCommentsResolver',
  field: 'comments',
  node: CommentType,
  loader: COMMENTS_BY_LEAD,
  toNode: (row) => CommentType.from(row),
  description: `The newest ${NESTED_LIST_LIMIT}, newest first; comments(leadId) pages through all.`,
  decorators: [Requires(Action.ReadRecords)],
});
