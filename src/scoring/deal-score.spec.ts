import { DealPriority } from './deal-priority.enum.js';
import { dealLeadScore, type DealScoreInput } from './deal-score.js';
import { DealStage } from './deal-stage.enum.js';

const deal = (over: Partial<DealScoreInput> = {}): DealScoreInput => ({
  value: null,
  stage: DealStage.LEAD,
  priority: DealPriority.LOW,
  leadSource: null,
  ...over,
});

describe('dealLeadScore', () => {
  it('scores a bare new deal by its stage alone', () => {
    expect(dealLeadScore(deal())).toBe(10);
  });

  it('rises with the stage of an open deal', () => {
    const of = (stage: DealStage) => dealLeadScore(deal({ stage }));
    expect([DealStage.LEAD, DealStage.QUALIFIED, DealStage.NEGOTIATION].map(of)).toEqual([
      10, 25, 40,
    ]);
  });

  it('gives a won deal 100 and a lost one 0, whatever else it has', () => {
    const rich = { value: '5000000.00', priority: DealPriority.URGENT, leadSource: 'referral' };
    expect(dealLeadScore(deal({ ...rich, stage: DealStage.CLOSED_WON }))).toBe(100);
    expect(dealLeadScore(deal({ ...rich, stage: DealStage.CLOSED_LOST }))).toBe(0);
    expect(dealLeadScore(deal({ stage: DealStage.CLOSED_WON }))).toBe(100);
  });

  it('adds the value tier the amount reaches, exactly at its threshold', () => {
    const points = (value: string | null) => dealLeadScore(deal({ value })) - 10;
    expect(points(null)).toBe(0);
    expect(points('999.99')).toBe(0);
    expect(points('1000.00')).toBe(5);
    expect(points('9999.99')).toBe(5);
    expect(points('10000')).toBe(10);
    expect(points('50000.00')).toBe(20);
    expect(points('99999.99')).toBe(20);
    expect(points('100000.00')).toBe(30);
    expect(points('999999999999.99')).toBe(30);
    expect(points('-5.00')).toBe(0);
  });

  it('adds the priority', () => {
    const of = (priority: DealPriority) => dealLeadScore(deal({ priority }));
    expect(Object.values(DealPriority).map(of)).toEqual([10, 15, 20, 25]);
  });

  it('reads the source in any case and trimmed, known ones above others, none at 0', () => {
    const points = (leadSource: string | null) => dealLeadScore(deal({ leadSource })) - 10;
    expect(points(' Referral\t')).toBe(15);
    expect(points('WEBSITE')).toBe(8);
    expect(points('ads')).toBe(5);
    expect(points('cold call')).toBe(3);
    expect(points('  ')).toBe(0);
    expect(points(null)).toBe(0);
  });

  it('never passes 100 for an open deal', () => {
    expect(
      dealLeadScore(
        deal({
          stage: DealStage.NEGOTIATION,
          value: '1000000.00',
          priority: DealPriority.URGENT,
          leadSource: 'referral',
        }),
      ),
    ).toBe(100);
  });
});
