import { InteractionKind } from '../interactions/interaction-kind.enum.js';

/**
 * The activity score, 0–100, of a lead from its interactions at a moment `now` — the one place
 * the formula lives (activityScoreSql is the same formula for PostgreSQL, held to it by a test):
 *
 *   points = Σ weight(type) × ½ ^ (age in days / HALF_LIFE_DAYS)      (age < 0 counts as 0)
 *   score  = round(100 × (1 − e ^ (−points / SATURATION)))
 *
 * - Type weight: a meeting says more about a lead's warmth than a call, a call more than an e-mail.
 * - Recency: an interaction counts half as much every HALF_LIFE_DAYS; one dated ahead (allowed up to
 *   a few minutes) counts as happening now.
 * - Frequency: the points add up, with diminishing returns, so that a lead is never above 100 and
 *   a few fresh meetings already score high: one meeting today scores 33, three score 70, one
 *   e-mail 11, a meeting of three months ago 5, no interactions 0.
 */
export const ACTIVITY_WEIGHTS: Readonly<Record<InteractionKind, number>> = {
  [InteractionKind.MEETING]: 10,
  [InteractionKind.CALL]: 6,
  [InteractionKind.EMAIL]: 3,
};
export const HALF_LIFE_DAYS = 30;
export const SATURATION = 25;

const DAY_MS = 86_400_000;

export interface ScoredInteraction {
  type: InteractionKind;
  date: Date;
}

export function activityScore(interactions: readonly ScoredInteraction[], now: Date): number {
  let points = 0;
  for (const { type, date } of interactions) {
    const ageDays = Math.max(0, now.getTime() - date.getTime()) / DAY_MS;
    points += ACTIVITY_WEIGHTS[type] * Math.pow(0.5, ageDays / HALF_LIFE_DAYS);
  }
  return Math.round(100 * (1 - Math.exp(-points / SATURATION)));
}

/**
 * The same formula as an aggregate over `interactions` rows aliased `alias`, at the instant given
 * by the SQL expression `now` (a parameter, so that both sides can use one instant). Rounded as
 * Math.round rounds (halves up), which PostgreSQL's round() of a double does not promise.
 */
export function activityScoreSql(alias: string, now: string): string {
  const weight = `CASE ${alias}.type ${Object.entries(ACTIVITY_WEIGHTS)
    .map(([type, w]) => `WHEN '${type}' THEN ${w}`)
    .join(' ')} ELSE 0 END`;
  // In whole milliseconds first, as Date arithmetic is, then as a double.
  const ageDays = `greatest(0, (extract(epoch FROM (${now} - ${alias}.date)) * 1000)::float8) / ${DAY_MS}`;
  const points = `coalesce(sum(${weight} * power(0.5::float8, ${ageDays} / ${HALF_LIFE_DAYS})), 0)`;
  return `floor(100 * (1 - exp(-(${points}) / ${SATURATION})) + 0.5)::int`;
}
