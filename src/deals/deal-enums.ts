import { registerEnumType } from '@nestjs/graphql';
import { DealPriority, DealStage } from '../scoring/deal-score.js';

// Declared where the deal score is defined over them (scoring/deal-score.ts); named for GraphQL here.
registerEnumType(DealStage, {
  name: 'DealStage',
  description:
    'Where a deal stands in the pipeline, in order; CLOSED_WON and CLOSED_LOST close it.',
  valuesMap: {
    LEAD: { description: 'Open: the first stage (the default).' },
    QUALIFIED: { description: 'Open: the prospect is a fit.' },
    NEGOTIATION: { description: 'Open: terms are being agreed.' },
    CLOSED_WON: { description: 'Closed: won (lead score 100).' },
    CLOSED_LOST: { description: 'Closed: lost (lead score 0).' },
  },
});
registerEnumType(DealPriority, {
  name: 'DealPriority',
  description: 'How urgent a deal is, LOW to URGENT; part of its lead score.',
});

export const CLOSED_STAGES: ReadonlySet<DealStage> = new Set([
  DealStage.CLOSED_WON,
  DealStage.CLOSED_LOST,
]);

export { DealPriority, DealStage };
