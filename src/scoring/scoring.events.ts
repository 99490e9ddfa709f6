import type { EventPayload, FieldChange, RecordChange } from '../common/events/event-payload.js';

/** Domain event names of scoring. */
export const ScoringEvents = {
  /** An interaction change moved a lead's score by SCORE_CHANGE_THRESHOLD points or more. */
  LeadScoreChanged: 'lead.score_changed',
  /** A whole company was rescored (recalculateAllScores, the schedule, the CLI): one event. */
  ScoresRecalculated: 'scores.recalculated',
  /** A lead's summary was written. */
  LeadSummarized: 'lead.summarized',
  /** An ADMIN allowed or forbade sending lead data to the external AI provider. */
  ExternalAiChanged: 'company.external_ai_changed',
} as const;

/** What counts as a change of score worth telling someone about (a `score_updated` notification). */
export const SCORE_CHANGE_THRESHOLD = 10;

export interface LeadScoreChange extends RecordChange {
  readonly id: string;
  /** Whom the change concerns: the lead's assignee. */
  readonly assignedToId: string | null;
  readonly changes: { readonly activityScore: FieldChange<number> };
}

export type LeadScoresChanged = EventPayload<LeadScoreChange> & { readonly entity: 'Lead' };

export interface ScoresRecalculation extends RecordChange {
  /** The company. */
  readonly id: string;
  readonly details: {
    readonly count: number;
    readonly durationMs: number;
    /** `manual` (recalculateAllScores), `scheduled` or `cli`. */
    readonly trigger: RecalculationTrigger;
  };
}

export type RecalculationTrigger = 'manual' | 'scheduled' | 'cli';

export type ScoresRecalculated = EventPayload<ScoresRecalculation> & { readonly entity: 'Company' };

export interface LeadSummary extends RecordChange {
  readonly id: string;
  readonly details: { readonly provider: string };
}

export type LeadSummarized = EventPayload<LeadSummary> & { readonly entity: 'Lead' };

export interface ExternalAiChange extends RecordChange {
  /** The company. */
  readonly id: string;
  readonly changes: { readonly externalAiAllowed: FieldChange<boolean> };
}

export type ExternalAiChanged = EventPayload<ExternalAiChange> & { readonly entity: 'Company' };

declare module '../common/events/domain-event-map.js' {
  interface DomainEventMap {
    'lead.score_changed': LeadScoresChanged;
    'scores.recalculated': ScoresRecalculated;
    'lead.summarized': LeadSummarized;
    'company.external_ai_changed': ExternalAiChanged;
  }
}
