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

/** Writes a lead's summary. Rejects with SummaryProviderError when it cannot. */
export interface SummaryProvider {
  /** Names the provider in logs and in what the API reports (`built-in`, the model's name). */
  readonly name: string;
  summarize(facts: LeadFacts): Promise<string>;
}

/** The provider did not give a usable answer in time: the lead keeps the summary it had. */
export class SummaryProviderError extends Error {
  override name = 'SummaryProviderError';
}
