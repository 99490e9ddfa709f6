import type { LeadFacts, SummaryProvider } from './summary-provider.js';

const day = (d: Date): string => d.toISOString().slice(0, 10);
const NOTE_CHARS = 160;

/**
 * The summary written without any network: the facts of the lead and its latest interactions
 * in plain sentences. The same facts always give the same text.
 */
export class BuiltInSummarizer implements SummaryProvider {
  readonly name = 'built-in';
  readonly external = false;

  summarize(facts: LeadFacts): Promise<string> {
    return Promise.resolve(builtInSummary(facts));
  }
}

export function builtInSummary(facts: LeadFacts): string {
  const who = `${facts.firstName} ${facts.lastName}`.trim();
  const origin = [
    facts.location && `in ${facts.location}`,
    facts.source && `from ${facts.source}`,
    facts.budget !== null && `budget ${facts.budget}`,
  ].filter(Boolean);
  const lines = [
    `${who} is a ${facts.status.toLowerCase()} lead${origin.length ? ` (${origin.join(', ')})` : ''}, added ${day(facts.createdAt)}, activity score ${facts.activityScore}/100.`,
  ];
  const [latest] = facts.interactions;
  if (!latest) lines.push('No interactions yet.');
  else {
    const counts = new Map<string, number>();
    for (const { type } of facts.interactions) counts.set(type, (counts.get(type) ?? 0) + 1);
    const tally = [...counts].map(([type, n]) => `${n} ${type.toLowerCase()}${n > 1 ? 's' : ''}`);
    lines.push(
      `Latest ${facts.interactions.length} interactions: ${tally.join(', ')}; the last a ${latest.type.toLowerCase()} on ${day(latest.date)}.`,
    );
    const note = latest.notes?.replace(/\s+/g, ' ').trim();
    if (note)
      lines.push(`Last note: ${note.length > NOTE_CHARS ? `${note.slice(0, NOTE_CHARS)}…` : note}`);
  }
  return lines.join(' ');
}
