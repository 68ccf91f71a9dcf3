import { describe, expect, it } from 'vitest';
import { tierAfterPurchase, tierAtReview, tierForSpend, tierProgress, type TierRule } from '@atrium/shared';
import { titled } from '../support/tables.js';

// Given out of rank order on purpose: the rules must sort by rank themselves.
const TIERS: TierRule[] = [
  { code: 'gold', rank: 3, thresholdFen: 20_000_00, multiplierPct: 150, freeParkingHours: 3 },
  { code: 'member', rank: 1, thresholdFen: 0, multiplierPct: 100, freeParkingHours: 0 },
  { code: 'platinum', rank: 4, thresholdFen: 50_000_00, multiplierPct: 200, freeParkingHours: 5 },
  { code: 'silver', rank: 2, thresholdFen: 5_000_00, multiplierPct: 120, freeParkingHours: 1 },
];

describe('the tier a rolling 12-month spend earns', () => {
  it.each(titled([
    { spendFen: 0, tier: 'member' },
    { spendFen: 4_999_99, tier: 'member' },
    { spendFen: 5_000_00, tier: 'silver' },
    { spendFen: 5_000_01, tier: 'silver' },
    { spendFen: 19_999_99, tier: 'silver' },
    { spendFen: 20_000_00, tier: 'gold' },
    { spendFen: 49_999_99, tier: 'gold' },
    { spendFen: 50_000_00, tier: 'platinum' },
    { spendFen: 9_999_999_99, tier: 'platinum' },
  ], (r) => `a spend of ${r.spendFen} fen earns ${r.tier}`))('%s', (_, { spendFen, tier }) => {
    expect(tierForSpend(TIERS, spendFen).code).toBe(tier);
  });

  it('gives the lowest tier when even its threshold is not reached', () => {
    const tiers: TierRule[] = [
      { code: 'basic', rank: 1, thresholdFen: 100_00, multiplierPct: 100, freeParkingHours: 0 },
      { code: 'plus', rank: 2, thresholdFen: 1_000_00, multiplierPct: 110, freeParkingHours: 1 },
    ];
    expect(tierForSpend(tiers, 0).code).toBe('basic');
  });

  it('refuses to choose when no tiers are configured', () => {
    expect(() => tierForSpend([], 1_000_00)).toThrow('no tiers configured');
  });
});

describe('the tier after a purchase', () => {
  it.each(titled([
    { current: 'member', spendFen: 4_999_99, tier: 'member' },
    { current: 'member', spendFen: 5_000_00, tier: 'silver' },
    { current: 'member', spendFen: 60_000_00, tier: 'platinum' },
    { current: 'silver', spendFen: 20_000_00, tier: 'gold' },
    { current: 'gold', spendFen: 0, tier: 'gold' },
    { current: 'gold', spendFen: 6_000_00, tier: 'gold' },
    { current: 'gold', spendFen: 49_999_99, tier: 'gold' },
    { current: 'gold', spendFen: 50_000_00, tier: 'platinum' },
    { current: 'platinum', spendFen: 0, tier: 'platinum' },
    { current: 'unknown', spendFen: 0, tier: 'member' },
    { current: 'unknown', spendFen: 6_000_00, tier: 'silver' },
  ], (r) =>
    `a member at tier ${r.current} with ${r.spendFen} fen of spend ends at ${r.tier}`,
  ))('%s', (_, { current, spendFen, tier }) => {
    expect(tierAfterPurchase(TIERS, current, spendFen).code).toBe(tier);
  });

  it.each(['member', 'silver', 'gold', 'platinum'])('never moves a member at tier %s down, whatever the spend', (current) => {
    const currentRank = TIERS.find((t) => t.code === current)?.rank ?? 0;
    for (const spendFen of [0, 1_00, 5_000_00, 20_000_00, 50_000_00]) {
      expect(tierAfterPurchase(TIERS, current, spendFen).rank).toBeGreaterThanOrEqual(currentRank);
    }
  });
});

describe('the tier at the periodic review', () => {
  it.each(titled([
    { current: 'member', spendFen: 0, tier: 'member' },
    { current: 'member', spendFen: 60_000_00, tier: 'platinum' },
    { current: 'silver', spendFen: 20_000_00, tier: 'gold' },
    { current: 'silver', spendFen: 50_000_00, tier: 'platinum' },
    { current: 'gold', spendFen: 20_000_00, tier: 'gold' },
    { current: 'gold', spendFen: 30_000_00, tier: 'gold' },
    { current: 'platinum', spendFen: 50_000_00, tier: 'platinum' },
    { current: 'platinum', spendFen: 49_999_99, tier: 'gold' },
    { current: 'platinum', spendFen: 20_000_00, tier: 'gold' },
    { current: 'platinum', spendFen: 5_000_00, tier: 'gold' },
    { current: 'platinum', spendFen: 0, tier: 'gold' },
    { current: 'gold', spendFen: 0, tier: 'silver' },
    { current: 'gold', spendFen: 5_000_00, tier: 'silver' },
    { current: 'silver', spendFen: 0, tier: 'member' },
    { current: 'unknown', spendFen: 0, tier: 'member' },
    { current: 'unknown', spendFen: 20_000_00, tier: 'gold' },
  ], (r) =>
    `a member at tier ${r.current} who spent ${r.spendFen} fen is reviewed to ${r.tier}`,
  ))('%s', (_, { current, spendFen, tier }) => {
    expect(tierAtReview(TIERS, current, spendFen).code).toBe(tier);
  });

  it('takes a platinum member who stops spending down one tier per review', () => {
    const path: string[] = [];
    let current = 'platinum';
    for (let review = 0; review < 4; review++) {
      current = tierAtReview(TIERS, current, 0).code;
      path.push(current);
    }
    expect(path).toEqual(['gold', 'silver', 'member', 'member']);
  });

  it('lets a member who recovers during the review period keep the tier', () => {
    const afterFirstReview = tierAtReview(TIERS, 'platinum', 0).code;
    expect(tierAtReview(TIERS, afterFirstReview, 20_000_00).code).toBe('gold');
  });
});

describe('progress towards the next tier', () => {
  it.each(titled([
    { current: 'member', spendFen: 0, next: 'silver', thresholdFen: 5_000_00, remainingFen: 5_000_00, percent: 0 },
    { current: 'member', spendFen: 2_500_00, next: 'silver', thresholdFen: 5_000_00, remainingFen: 2_500_00, percent: 50 },
    { current: 'member', spendFen: 4_999_99, next: 'silver', thresholdFen: 5_000_00, remainingFen: 1, percent: 99 },
    { current: 'silver', spendFen: 5_000_00, next: 'gold', thresholdFen: 20_000_00, remainingFen: 15_000_00, percent: 25 },
    { current: 'silver', spendFen: 6_666_66, next: 'gold', thresholdFen: 20_000_00, remainingFen: 13_333_34, percent: 33 },
    { current: 'gold', spendFen: 0, next: 'platinum', thresholdFen: 50_000_00, remainingFen: 50_000_00, percent: 0 },
    { current: 'gold', spendFen: 49_999_99, next: 'platinum', thresholdFen: 50_000_00, remainingFen: 1, percent: 99 },
    // A tier kept after a downgrade review can sit above what the spend would earn, or below it until the next purchase.
    { current: 'silver', spendFen: 25_000_00, next: 'gold', thresholdFen: 20_000_00, remainingFen: 0, percent: 100 },
    { current: 'unknown', spendFen: 1_000_00, next: 'silver', thresholdFen: 5_000_00, remainingFen: 4_000_00, percent: 20 },
  ], (r) =>
    `a member at tier ${r.current} with ${r.spendFen} fen needs ${r.remainingFen} fen more for ${r.next} (${r.percent}%)`,
  ))('%s', (_, { current, spendFen, next, thresholdFen, remainingFen, percent }) => {
    expect(tierProgress(TIERS, current, spendFen)).toEqual({
      current: current === 'unknown' ? 'member' : current,
      spend12mFen: spendFen,
      next: { code: next, thresholdFen, remainingFen, percent },
    });
  });

  it.each([0, 50_000_00, 80_000_00])('a platinum member with %s fen of spend has no next tier', (spendFen) => {
    const progress = tierProgress(TIERS, 'platinum', spendFen);
    expect(progress).toEqual({ current: 'platinum', spend12mFen: spendFen });
    expect(progress).not.toHaveProperty('next');
  });
});
