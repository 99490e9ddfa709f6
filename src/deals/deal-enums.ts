import { registerEnumType } from '@nestjs/graphql';
import { DealPriority, DealStage } from '../scoring/deal-score.js';

// Declared where the deal score is defined over them (scoring/deal-score.ts); named for GraphQL here.
registerEnumType(DealStage, {
  name: 'DealStage',
  description: 'Where a deal stands in the pipeline.',
});
registerEnumType(DealPriority, { name: 'DealPriority' });

export const CLOSED_STAGES: ReadonlySet<DealStage> = new Set([
  DealStage.CLOSED_WON,
  DealStage.CLOSED_LOST,
]);

export { DealPriority, DealStage };
