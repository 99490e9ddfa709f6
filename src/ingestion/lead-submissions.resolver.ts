import { Requires } from '../auth/field-access.js';
import { Action } from '../auth/permissions.js';
import { ResolveField, Resolver } from '@nestjs/graphql';
import { NESTED_LIST_LIMIT } from '../common/pagination/nested-list.js';
import { NestedListResolver } from '../common/records/nested-list.resolver.js';
import { LeadType } from '../leads/lead.type.js';
import { SUBMISSIONS_BY_LEAD } from './ingestion.loaders.js';
import { AttributionType } from './attribution.type.js';
import { RawLeadType } from './raw-lead.type.js';

/** `lead.submissions`: added to Lead from here, so leads/ knows no journal. */
export const LeadSubmissionsResolver = NestedListResolver({
  parent: LeadType,
  name: 'LeadSubmissionsResolver',
  field: 'submissions',
  node: RawLeadType,
  loader: SUBMISSIONS_BY_LEAD,
  toNode: (row) => RawLeadType.from(row),
  description: `The newest ${NESTED_LIST_LIMIT} submissions to POST /api/lead linked to the lead.`,
  decorators: [Requires(Action.ReadSubmissions)],
});

/** `lead.attribution`: what the lead-capture form said, from the lead's own column. */
@Resolver(() => LeadType)
export class LeadAttributionResolver {
  // No parameter decorators: Nest's per-call pipeline would run once per lead of a page.
  @ResolveField(() => AttributionType, {
    nullable: true,
    description: 'Where the lead-capture form says the lead came from.',
  })
  attribution(lead: LeadType): AttributionType | null {
    return lead.attributionData ? AttributionType.from(lead.attributionData) : null;
  }
}
