import { DealPriority } from '../scoring/deal-priority.enum.js';
import { DealStage } from '../scoring/deal-stage.enum.js';

// Declared where the deal score is defined over them (scoring/); the deals module takes them from here.
export const CLOSED_STAGES: ReadonlySet<DealStage> = new Set([
  DealStage.CLOSED_WON,
  DealStage.CLOSED_LOST,
]);

export { DealPriority, DealStage };
