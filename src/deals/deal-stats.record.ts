import type { DealStage } from './deal-enums.js';

/** An amount in one currency: numeric's exact text. */
export interface CurrencyTotal {
  currency: string;
  totalValue: string;
}

/** One stage of the pipeline; totals in the company's currency, the others apart. */
export interface PipelineStageStats {
  stage: DealStage;
  count: number;
  totalValue: string;
  /** 0 for a stage without deals. */
  avgLeadScore: number;
  otherCurrencies: CurrencyTotal[];
}

export interface MyCurrencyTotals extends CurrencyTotal {
  wonValue: string;
}

export interface MyDealsStats {
  open: number;
  won: number;
  lost: number;
  totalValue: string;
  wonValue: string;
  /** won / (won + lost); null before anything closed. */
  winRate: number | null;
  currency: string;
  otherCurrencies: MyCurrencyTotals[];
}
