import { AccessService } from '../access/access.service.js';
import { Requires } from '../access/field-access.js';
import { Action } from '../access/permissions.js';
import { RecordPermission } from '../access/record-permission.js';
import { UnauthenticatedException } from '../common/errors/app.exception.js';
import { ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLContext } from '../common/graphql/graphql-context.js';
import { ListSize } from '../common/graphql/query-cost.decorators.js';
import { NESTED_LIST_LIMIT } from '../common/pagination/nested-list.js';
import { LeadType } from '../leads/lead.type.js';
import { SUBMISSIONS_BY_LEAD } from './ingestion.loaders.js';
import { AttributionType } from './attribution.type.js';
import { RawLeadType } from './raw-lead.type.js';

/** `lead.attribution` and `lead.submissions`: added to Lead from here, so leads/ knows no journal. */
@Resolver(() => LeadType)
export class LeadSubmissionsResolver {
  constructor(private readonly access: AccessService) {}

  // No parameter decorators: Nest's per-call pipeline would run once per lead of a page.
  @ResolveField(() => AttributionType, {
    nullable: true,
    description: 'Where the lead-capture form says the lead came from.',
  })
  attribution(lead: LeadType): AttributionType | null {
    return lead.attributionData ? AttributionType.from(lead.attributionData) : null;
  }

  @Requires(Action.ReadSubmissions)
  @ResolveField(() => [RawLeadType], {
    description: `The newest ${NESTED_LIST_LIMIT} submissions to POST /api/lead linked to the lead.`,
  })
  @ListSize(NESTED_LIST_LIMIT)
  async submissions(
    lead: LeadType,
    _args: unknown,
    { loaders, req }: GraphQLContext,
  ): Promise<RawLeadType[]> {
    if (!req.auth) throw new UnauthenticatedException();
    // The lead's row rule as well as the journal's action: one statement for a page of leads.
    if (!(await this.access.permits(req.auth, RecordPermission.ReadLead, lead.id))) return [];
    const rows = await loaders.get(SUBMISSIONS_BY_LEAD).load(lead.id);
    return rows.map((row) => RawLeadType.from(row));
  }
}
