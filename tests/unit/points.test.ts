import { describe, expect, it } from 'vitest';
import { pointsForPurchase } from '@atrium/shared';

describe('points for a purchase', () => {
  it.each([
    { amountFen: 0, multiplierPct: 100, points: 0 },
    { amountFen: 99, multiplierPct: 100, points: 0 },
    { amountFen: 100, multiplierPct: 100, points: 1 },
    { amountFen: 12_399, multiplierPct: 100, points: 123 },
    { amountFen: 12_399, multiplierPct: 150, points: 184 },
    { amountFen: 12_399, multiplierPct: 200, points: 246 },
    { amountFen: 199, multiplierPct: 150, points: 1 },
    { amountFen: 1_000_000_00, multiplierPct: 100, points: 1_000_000 },
  ])('¥$amountFen fen at $multiplierPct% earns $points points', ({ amountFen, multiplierPct, points }) => {
    expect(pointsForPurchase(amountFen, multiplierPct)).toBe(points);
  });

  it.each([-1, 1.5, Number.NaN])('refuses an amount of %s fen rather than guessing', (amount) => {
    expect(() => pointsForPurchase(amount, 100)).toThrow(RangeError);
  });
});
