import { registerEnumType } from '@nestjs/graphql';

export enum LeadStatus {
  NEW = 'NEW',
  CONTACTED = 'CONTACTED',
  QUALIFIED = 'QUALIFIED',
  UNQUALIFIED = 'UNQUALIFIED',
  CONVERTED = 'CONVERTED',
  LOST = 'LOST',
}

registerEnumType(LeadStatus, {
  name: 'LeadStatus',
  description: 'Where a lead stands in the sales funnel.',
  valuesMap: {
    NEW: { description: 'The default for a new lead.' },
    CONTACTED: { description: 'In touch with the company.' },
    QUALIFIED: { description: 'Judged a fit.' },
    UNQUALIFIED: { description: 'Judged not a fit.' },
    CONVERTED: { description: 'Turned into a deal (convertLeadToDeal sets it).' },
    LOST: { description: 'No longer pursued.' },
  },
});
