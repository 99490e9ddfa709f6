import { InteractionKind } from '../interactions/interaction-kind.enum.js';
import { activityScore, HALF_LIFE_DAYS } from './activity-score.js';

const now = new Date('2026-06-01T12:00:00Z');
const daysAgo = (days: number): Date => new Date(now.getTime() - days * 86_400_000);
const meeting = (days = 0) => ({ type: InteractionKind.MEETING, date: daysAgo(days) });

describe('activityScore', () => {
  it('is 0 without interactions', () => {
    expect(activityScore([], now)).toBe(0);
  });

  it('weighs a meeting above a call above an e-mail', () => {
    const of = (type: InteractionKind) => activityScore([{ type, date: now }], now);
    expect(of(InteractionKind.MEETING)).toBe(33);
    expect(of(InteractionKind.CALL)).toBe(21);
    expect(of(InteractionKind.EMAIL)).toBe(11);
  });

  it('halves what an interaction counts every half-life', () => {
    // One meeting a half-life ago counts as five points: 100 × (1 − e^(−5/25)) = 18.
    expect(activityScore([meeting(HALF_LIFE_DAYS)], now)).toBe(18);
    expect(activityScore([meeting(90)], now)).toBe(5);
    expect(activityScore([meeting(3650)], now)).toBe(0);
  });

  it('counts an interaction dated ahead as happening now', () => {
    expect(activityScore([meeting(-1)], now)).toBe(activityScore([meeting(0)], now));
  });

  it('rewards frequency with diminishing returns, and never passes 100', () => {
    const scores = [1, 2, 3, 10, 1000].map((n) =>
      activityScore(
        Array.from({ length: n }, () => meeting()),
        now,
      ),
    );
    expect(scores).toEqual([33, 55, 70, 98, 100]);
  });
});
