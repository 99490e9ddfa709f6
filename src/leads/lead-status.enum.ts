import { graphqlEnum, type EnumValue } from '../common/graphql/graphql-enum.js';

export const LeadStatus = graphqlEnum('LeadStatus', 'Where a lead stands in the sales funnel.', {
  NEW: 'The default for a new lead.',
  CONTACTED: 'In touch with the company.',
  QUALIFIED: 'Judged a fit.',
  UNQUALIFIED: 'Judged not a fit.',
  CONVERTED: 'Turned into a deal (convertLeadToDeal sets it).',
  LOST: 'No longer pursued.',
});
export type LeadStatus = EnumValue<typeof LeadStatus>;
