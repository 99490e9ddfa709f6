import { DealPriority } from './deal-priority.enum.js';
import { DealStage } from './deal-stage.enum.js';

export interface DealScoreInput {
  /** numeric(14,2) as its exact decimal text, e.g. "1250.50"; null when not known. */
  value: string | null;
  stage: DealStage;
  priority: DealPriority;
  leadSource: string | null;
}

/**
 * The lead score of a deal, 0–100: how promising it is — the one place the formula lives
 * (dealLeadScoreSql is the same formula for PostgreSQL, held to it by a test):
 *
 *   score = stage + value tier + priority + source          (an open deal: at most 40+30+15+15)
 *   a won deal scores 100, a lost one 0, whatever else it has.
 *
 * - Stage: the further down the pipeline, the likelier the close (LEAD 10, QUALIFIED 25,
 *   NEGOTIATION 40).
 * - Value, in tiers of the amount (any currency — the score ranks deals, it does not convert):
 *   from 1 000 → 5, 10 000 → 10, 50 000 → 20, 100 000 → 30. Tiers rather than a curve so that both
 *   sides compare exact decimals and always agree.
 * - Priority: LOW 0, MEDIUM 5, HIGH 10, URGENT 15.
 * - Lead source (trimmed, any letter case): referral 15, partner 12, event 10, web / website /
 *   form 8, ads 5, any other 3, none 0 — a referred lead closes more often than a clicked ad.
 */
export function dealLeadScore(deal: DealScoreInput): number {
  if (deal.stage === DealStage.CLOSED_WON) return 100;
  if (deal.stage === DealStage.CLOSED_LOST) return 0;
  return (
    OPEN_STAGE_POINTS[deal.stage] +
    valuePoints(deal.value) +
    PRIORITY_POINTS[deal.priority] +
    sourcePoints(deal.leadSource)
  );
}

const OPEN_STAGE_POINTS: Readonly<Record<OpenStage, number>> = {
  [DealStage.LEAD]: 10,
  [DealStage.QUALIFIED]: 25,
  [DealStage.NEGOTIATION]: 40,
};
type OpenStage = Exclude<DealStage, typeof DealStage.CLOSED_WON | typeof DealStage.CLOSED_LOST>;

/** Highest threshold first: the first one the value reaches gives the points. */
const VALUE_TIERS: readonly (readonly [threshold: number, points: number])[] = [
  [100_000, 30],
  [50_000, 20],
  [10_000, 10],
  [1_000, 5],
];

export const PRIORITY_POINTS: Readonly<Record<DealPriority, number>> = {
  [DealPriority.LOW]: 0,
  [DealPriority.MEDIUM]: 5,
  [DealPriority.HIGH]: 10,
  [DealPriority.URGENT]: 15,
};

const SOURCE_POINTS: Readonly<Record<string, number>> = {
  referral: 15,
  partner: 12,
  event: 10,
  web: 8,
  website: 8,
  form: 8,
  ads: 5,
};
const OTHER_SOURCE_POINTS = 3;

function valuePoints(value: string | null): number {
  // Two decimals of at most 14 digits are exact enough as a double to compare with whole thresholds.
  const amount = value === null ? 0 : Number(value);
  return VALUE_TIERS.find(([threshold]) => amount >= threshold)?.[1] ?? 0;
}

/** The whitespace both sides trim: String.prototype.trim would take more than btrim is given. */
const EDGE_WHITESPACE = /^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g;

function sourcePoints(source: string | null): number {
  const key = source?.replace(EDGE_WHITESPACE, '').toLowerCase();
  if (!key) return 0;
  return SOURCE_POINTS[key] ?? OTHER_SOURCE_POINTS;
}

/**
 * The same formula over the SQL expressions of a deal's columns (numeric value, text stage,
 * priority and lead source), for statements that write many deals at once.
 */
export function dealLeadScoreSql(columns: {
  value: string;
  stage: string;
  priority: string;
  leadSource: string;
}): string {
  const cases = (expr: string, points: Readonly<Record<string, number>>, otherwise: string) =>
    `CASE ${expr} ${Object.entries(points)
      .map(([key, p]) => `WHEN '${key}' THEN ${p}`)
      .join(' ')} ELSE ${otherwise} END`;
  const value = `CASE ${VALUE_TIERS.map(([t, p]) => `WHEN ${columns.value} >= ${t} THEN ${p}`).join(' ')} ELSE 0 END`;
  // EDGE_WHITESPACE.
  const key = `lower(btrim(${columns.leadSource}, E' \\t\\n\\r\\f\\v'))`;
  const source = `CASE WHEN coalesce(${key}, '') = '' THEN 0 ELSE ${cases(key, SOURCE_POINTS, String(OTHER_SOURCE_POINTS))} END`;
  const open = `${cases(columns.stage, OPEN_STAGE_POINTS, '0')} + ${value} + ${cases(columns.priority, PRIORITY_POINTS, '0')} + ${source}`;
  return `(CASE ${columns.stage} WHEN '${DealStage.CLOSED_WON}' THEN 100 WHEN '${DealStage.CLOSED_LOST}' THEN 0 ELSE ${open} END)`;
}
