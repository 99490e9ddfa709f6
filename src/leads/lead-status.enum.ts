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
});
