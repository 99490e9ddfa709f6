import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { NESTED_LIST_LIMIT } from '../common/pagination/nested-list.js';
import { NestedListResolver } from '../common/records/nested-list.resolver.js';
import { LeadType } from '../leads/lead.type.js';
import { DEALS_BY_LEAD } from './deal.loaders.js';
import { DealType } from './deal.type.js';

/** `lead.deals`: added to Lead from here, so leads/ knows no deals. */
export const LeadDealsResolver = NestedListResolver({
  parent: LeadType,
  name: 'LeadDealsResolver',
  field: 'deals',
  node: DealType,
  loader: DEALS_BY_LEAD,
  toNode: (row) => DealType.from(row),
  description: `The lead’s newest ${NESTED_LIST_LIMIT} live deals.`,
  decorators: [Requires(Action.ReadRecords)],
});
