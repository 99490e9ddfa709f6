import type { InteractionKind } from '../../interactions/interaction-kind.enum.js';

/** What a summary is written from: the lead and its latest interactions, newest first. */
export interface LeadFacts {
  firstName: string;
  lastName: string;
  status: string;
  source: string | null;
  budget: string | null;
  location: string | null;
  activityScore: number;
  createdAt: Date;
  interactions: readonly { type: InteractionKind; date: Date; notes: string | null }[];
}

/**
 * Asked before each retry a provider would send over the network; when it rejects, the provider
 * makes no further call and rejects with the same error (a spent AI budget, for one).
 */
export type BeforeRetry = () => Promise<void>;

/** Writes a lead's summary. Rejects with SummaryProviderError when it cannot. */
export interface SummaryProvider {
  /** Names the provider in logs and in what the API reports (`built-in`, the model's name). */
  readonly name: string;
  /** Whether it calls out over the network, and so spends the AI budgets. */
  readonly external: boolean;
  summarize(facts: LeadFacts, beforeRetry?: BeforeRetry): Promise<string>;
}

/** The provider did not give a usable answer in time: the lead keeps the summary it had. */
export class SummaryProviderError extends Error {
  override name = 'SummaryProviderError';
}
