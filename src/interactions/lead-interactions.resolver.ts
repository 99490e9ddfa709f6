import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { NESTED_LIST_LIMIT } from '../common/pagination/nested-list.js';
import { NestedListResolver } from '../common/records/nested-list.resolver.js';
import { LeadType } from '../leads/lead.type.js';
import { INTERACTIONS_BY_LEAD } from './interaction.loaders.js';
import { InteractionType } from './interaction.type.js';

/** `lead.interactions`: added to Lead from here, so leads/ knows nothing of interactions. */
export const LeadInteractionsResolver = NestedListResolver({
  parent: LeadType,
  name: 'LeadInteractionsResolver',
  field: 'interactions',
  node: InteractionType,
  loader: INTERACTIONS_BY_LEAD,
  toNode: (row) => InteractionType.from(row),
  description: `The newest ${NESTED_LIST_LIMIT}, newest first; interactionsByLead or interactionsConnection page through all.`,
  decorators: [Requires(Action.ReadRecords)],
});
