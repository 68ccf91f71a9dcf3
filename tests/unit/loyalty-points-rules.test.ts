import { describe, expect, it } from 'vitest';
import { inWindow, mallMoment, pointsToReverse, purchasePoints, type PointsRule, type PurchaseContext } from '@atrium/shared';
import { titled } from '../support/tables.js';

const SHANGHAI = 'Asia/Shanghai';
/** A mall moment from a wall-clock time in Shanghai, e.g. "2026-03-04T15:00" (a Wednesday). */
const at = (local: string) => mallMoment(new Date(`${local}:00+08:00`), SHANGHAI);

const MEMBER = { code: 'member', multiplierPct: 100 };
const GOLD = { code: 'gold', multiplierPct: 150 };

const RULES: PointsRule[] = [
  { id: 'weekday-afternoon', kind: 'time_window', active: true, weekdays: [1, 2, 3, 4, 5], startMinute: 14 * 60, endMinute: 17 * 60, multiplierPct: 200 },
  { id: 'late-night', kind: 'time_window', active: true, weekdays: [5, 6], startMinute: 22 * 60, endMinute: 2 * 60, multiplierPct: 150 },
  { id: 'beauty', kind: 'category', active: true, categories: ['beauty', 'jewellery'], multiplierPct: 300 },
  { id: 'dining', kind: 'category', active: true, categories: ['dining'], multiplierPct: 120 },
  { id: 'birthday', kind: 'birthday_month', active: true, multiplierPct: 250 },
  { id: 'retired-beauty-week', kind: 'category', active: false, categories: ['beauty', 'fashion'], multiplierPct: 500 },
  { id: 'retired-night-owl', kind: 'time_window', active: false, weekdays: [1, 2, 3, 4, 5, 6, 7], startMinute: 0, endMinute: 1440, multiplierPct: 400 },
  { id: 'daily', kind: 'checkin', active: true, points: 10, streakDays: 7, streakBonus: 50 },
  { id: 'friends', kind: 'referral', active: true, referrerPoints: 100, inviteePoints: 50 },
];

function purchase(over: Partial<PurchaseContext>): PurchaseContext {
  return { amountFen: 123_99, category: 'fashion', at: at('2026-03-04T10:00'), tier: MEMBER, birthdayMonth: null, ...over };
}

describe('points for a purchase under the bonus rules', () => {
  it.each(titled([
    { when: 'a member with no bonus', ctx: purchase({}), points: 123, rule: 'base:member×100%' },
    { when: 'a gold member with no bonus', ctx: purchase({ tier: GOLD }), points: 184, rule: 'base:gold×150%' },
    {
      when: 'a gold member on a weekday afternoon',
      ctx: purchase({ tier: GOLD, at: at('2026-03-04T15:00') }),
      points: 369,
      rule: 'base:gold×150% + time_window:weekday-afternoon×200%',
    },
    {
      when: 'a member at the first minute of the afternoon window',
      ctx: purchase({ at: at('2026-03-06T14:00') }),
      points: 246,
      rule: 'base:member×100% + time_window:weekday-afternoon×200%',
    },
    {
      when: 'a member at the last minute of the afternoon window',
      ctx: purchase({ at: at('2026-03-02T16:59') }),
      points: 246,
      rule: 'base:member×100% + time_window:weekday-afternoon×200%',
    },
    { when: 'a member when the afternoon window has just closed', ctx: purchase({ at: at('2026-03-04T17:00') }), points: 123, rule: 'base:member×100%' },
    { when: 'a member a minute before the afternoon window opens', ctx: purchase({ at: at('2026-03-04T13:59') }), points: 123, rule: 'base:member×100%' },
    { when: 'a member on a Saturday afternoon', ctx: purchase({ at: at('2026-03-07T15:00') }), points: 123, rule: 'base:member×100%' },
    {
      when: 'a member late on a Friday night',
      ctx: purchase({ at: at('2026-03-06T23:30') }),
      points: 184,
      rule: 'base:member×100% + time_window:late-night×150%',
    },
    {
      when: 'a member at the opening minute of the late-night window',
      ctx: purchase({ at: at('2026-03-06T22:00') }),
      points: 184,
      rule: 'base:member×100% + time_window:late-night×150%',
    },
    {
      when: 'a member after midnight into Saturday',
      ctx: purchase({ at: at('2026-03-07T01:59') }),
      points: 184,
      rule: 'base:member×100% + time_window:late-night×150%',
    },
    { when: 'a member when the late-night window has closed', ctx: purchase({ at: at('2026-03-07T02:00') }), points: 123, rule: 'base:member×100%' },
    { when: 'a member just before the late-night window', ctx: purchase({ at: at('2026-03-06T21:59') }), points: 123, rule: 'base:member×100%' },
    { when: 'a member at 01:00 on a Sunday (the weekday is the purchase\'s own, and Sunday is not in the late-night rule)', ctx: purchase({ at: at('2026-03-08T01:00') }), points: 123, rule: 'base:member×100%' },
    {
      when: 'a gold member buying beauty on a weekday afternoon (the highest bonus wins)',
      ctx: purchase({ tier: GOLD, category: 'beauty', at: at('2026-03-04T15:00') }),
      points: 553,
      rule: 'base:gold×150% + category:beauty×300%',
    },
    {
      when: 'a member buying jewellery',
      ctx: purchase({ category: 'jewellery' }),
      points: 369,
      rule: 'base:member×100% + category:beauty×300%',
    },
    {
      when: 'a member buying fashion while the inactive 500% fashion rule exists',
      ctx: purchase({ category: 'fashion' }),
      points: 123,
      rule: 'base:member×100%',
    },
    {
      when: 'a member dining on a weekday afternoon',
      ctx: purchase({ category: 'dining', at: at('2026-03-04T15:00') }),
      points: 246,
      rule: 'base:member×100% + time_window:weekday-afternoon×200%',
    },
    {
      when: 'a member dining on a Sunday',
      ctx: purchase({ category: 'dining', at: at('2026-03-08T12:00') }),
      points: 147,
      rule: 'base:member×100% + category:dining×120%',
    },
    {
      when: 'a member in their birthday month',
      ctx: purchase({ birthdayMonth: 3 }),
      points: 307,
      rule: 'base:member×100% + birthday_month:birthday×250%',
    },
    {
      when: 'a gold member in their birthday month on a weekday afternoon',
      ctx: purchase({ tier: GOLD, birthdayMonth: 3, at: at('2026-03-04T15:00') }),
      points: 461,
      rule: 'base:gold×150% + birthday_month:birthday×250%',
    },
    { when: 'a member whose birthday is next month', ctx: purchase({ birthdayMonth: 4 }), points: 123, rule: 'base:member×100%' },
    { when: 'a member who gave no birthday', ctx: purchase({ birthdayMonth: null }), points: 123, rule: 'base:member×100%' },
    { when: 'a gold member spending ¥1.99', ctx: purchase({ tier: GOLD, amountFen: 199 }), points: 1, rule: 'base:gold×150%' },
    { when: 'a gold member spending ¥0.99', ctx: purchase({ tier: GOLD, amountFen: 99 }), points: 0, rule: 'base:gold×150%' },
    { when: 'a member spending nothing', ctx: purchase({ amountFen: 0 }), points: 0, rule: 'base:member×100%' },
    {
      when: 'a gold member spending ¥3 on beauty (3 × 150% × 300% = 13.5, rounded down once at the end, not 4 × 300% = 12)',
      ctx: purchase({ tier: GOLD, amountFen: 3_00, category: 'beauty' }),
      points: 13,
      rule: 'base:gold×150% + category:beauty×300%',
    },
    {
      when: 'a gold member spending ¥1 on a weekday afternoon',
      ctx: purchase({ tier: GOLD, amountFen: 1_00, at: at('2026-03-04T15:00') }),
      points: 3,
      rule: 'base:gold×150% + time_window:weekday-afternoon×200%',
    },
  ], (r) => `${r.when} earns ${r.points} points as "${r.rule}"`))('%s', (_, { ctx, points, rule }) => {
    expect(purchasePoints(ctx, RULES)).toEqual({ points, rule });
  });

  it('does not stack bonuses: three matching bonuses earn what the highest alone earns', () => {
    const ctx = purchase({ tier: GOLD, amountFen: 1_000_00, category: 'beauty', birthdayMonth: 3, at: at('2026-03-04T15:00') });
    const award = purchasePoints(ctx, RULES);
    expect(award.points).toBe(1000 * 1.5 * 3);
    expect(award.rule).toBe('base:gold×150% + category:beauty×300%');
    expect(award.rule.match(/\+/g)).toHaveLength(1);
  });

  it('gives the same award whatever the order of the rules', () => {
    const ctx = purchase({ tier: GOLD, category: 'beauty', birthdayMonth: 3, at: at('2026-03-06T23:00') });
    expect(purchasePoints(ctx, [...RULES].reverse())).toEqual(purchasePoints(ctx, RULES));
  });

  it('earns only the base with no rules at all', () => {
    expect(purchasePoints(purchase({ tier: GOLD }), [])).toEqual({ points: 184, rule: 'base:gold×150%' });
  });

  it('never names a rule that does not raise the points', () => {
    const flat: PointsRule[] = [{ id: 'flat', kind: 'category', active: true, categories: ['fashion'], multiplierPct: 100 }];
    expect(purchasePoints(purchase({}), flat)).toEqual({ points: 123, rule: 'base:member×100%' });
  });

  it('ignores an inactive rule even when it would be the highest', () => {
    const ctx = purchase({ category: 'beauty', at: at('2026-03-04T15:00') });
    expect(purchasePoints(ctx, RULES).rule).not.toContain('retired');
    const active = RULES.map((r) => ({ ...r, active: true }));
    expect(purchasePoints(ctx, active).rule).toBe('base:member×100% + category:retired-beauty-week×500%');
  });
});

describe('whether a minute lies in a time window', () => {
  it.each(titled([
    { minute: 840, start: 840, end: 1020, inside: true },
    { minute: 1019, start: 840, end: 1020, inside: true },
    { minute: 1020, start: 840, end: 1020, inside: false },
    { minute: 839, start: 840, end: 1020, inside: false },
    { minute: 0, start: 0, end: 1440, inside: true },
    { minute: 1439, start: 0, end: 1440, inside: true },
    { minute: 1320, start: 1320, end: 120, inside: true },
    { minute: 1439, start: 1320, end: 120, inside: true },
    { minute: 0, start: 1320, end: 120, inside: true },
    { minute: 119, start: 1320, end: 120, inside: true },
    { minute: 120, start: 1320, end: 120, inside: false },
    { minute: 1319, start: 1320, end: 120, inside: false },
    { minute: 720, start: 1320, end: 120, inside: false },
    { minute: 0, start: 1380, end: 0, inside: false },
    { minute: 1439, start: 1380, end: 0, inside: true },
    { minute: 600, start: 600, end: 600, inside: false },
  ], (r) =>
    `minute ${r.minute} is ${r.inside ? 'inside' : 'outside'} [${r.start}, ${r.end})`,
  ))('%s', (_, { minute, start, end, inside }) => {
    expect(inWindow(minute, start, end)).toBe(inside);
  });
});

describe('points taken back by a refund', () => {
  it.each(titled([
    { case: 'a full refund', earned: 369, amount: 123_99, before: 0, refund: 123_99, reversedBefore: 0, reverse: 369 },
    { case: 'a half refund', earned: 150, amount: 100_00, before: 0, refund: 50_00, reversedBefore: 0, reverse: 75 },
    { case: 'a third, rounded down', earned: 150, amount: 100_00, before: 0, refund: 33_33, reversedBefore: 0, reverse: 49 },
    { case: 'the second third', earned: 150, amount: 100_00, before: 33_33, refund: 33_33, reversedBefore: 49, reverse: 50 },
    { case: 'the last third', earned: 150, amount: 100_00, before: 66_66, refund: 33_34, reversedBefore: 99, reverse: 51 },
    { case: 'a refund of more than the purchase', earned: 100, amount: 100_00, before: 0, refund: 200_00, reversedBefore: 0, reverse: 100 },
    { case: 'a refund after the purchase was fully refunded', earned: 100, amount: 100_00, before: 100_00, refund: 5_00, reversedBefore: 100, reverse: 0 },
    { case: 'a refund that goes past the purchase amount', earned: 100, amount: 100_00, before: 80_00, refund: 50_00, reversedBefore: 80, reverse: 20 },
    { case: 'a refund when more was already reversed', earned: 100, amount: 100_00, before: 10_00, refund: 1_00, reversedBefore: 20, reverse: 0 },
    { case: 'a one-fen refund', earned: 100, amount: 100_00, before: 0, refund: 1, reversedBefore: 0, reverse: 0 },
    { case: 'a refund of a purchase that earned nothing', earned: 0, amount: 99, before: 0, refund: 99, reversedBefore: 0, reverse: 0 },
    { case: 'a refund of a zero-amount purchase', earned: 10, amount: 0, before: 0, refund: 5_00, reversedBefore: 0, reverse: 0 },
  ], (r) => `${r.case} reverses ${r.reverse} points`))('%s', (_, { earned, amount, before, refund, reversedBefore, reverse }) => {
    expect(pointsToReverse(earned, amount, before, refund, reversedBefore)).toBe(reverse);
  });

  it.each(titled([
    { earned: 150, amount: 100_00, refunds: [33_33, 33_33, 33_34] },
    { earned: 369, amount: 123_99, refunds: [1, 1, 1, 123_96] },
    { earned: 7, amount: 10_01, refunds: [3_33, 3_34, 3_34] },
    { earned: 1_000, amount: 999_99, refunds: [100_00, 200_00, 300_00, 399_99] },
    { earned: 553, amount: 123_99, refunds: [50_00, 50_00, 50_00] },
    { earned: 12, amount: 12_00, refunds: Array.from({ length: 12 }, () => 1_00) },
  ], (r) =>
    `partial refunds of ${r.refunds.join(' + ')} fen on a ${r.amount} fen purchase reverse exactly its ${r.earned} points`,
  ))('%s', (_, { earned, amount, refunds }) => {
    let refundedBefore = 0;
    let reversed = 0;
    for (const refund of refunds) {
      const step = pointsToReverse(earned, amount, refundedBefore, refund, reversed);
      expect(step).toBeGreaterThanOrEqual(0);
      expect(step).toBe(Math.floor((earned * Math.min(amount, refundedBefore + refund)) / amount) - reversed);
      refundedBefore += refund;
      reversed += step;
    }
    expect(reversed).toBe(earned);
  });

  it('never reverses more than was earned, however the refunds are split', () => {
    // A fixed pseudo-random sequence so the test is repeatable.
    let seed = 20_260_304;
    const next = (max: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % max;
    };
    for (let trial = 0; trial < 200; trial++) {
      const amount = 1 + next(500_00);
      const earned = next(2_000);
      let refundedBefore = 0;
      let reversed = 0;
      while (refundedBefore < amount) {
        const refund = 1 + next(amount);
        const step = pointsToReverse(earned, amount, refundedBefore, refund, reversed);
        expect(step).toBeGreaterThanOrEqual(0);
        refundedBefore += refund;
        reversed += step;
        expect(reversed).toBeLessThanOrEqual(earned);
      }
      expect(reversed).toBe(earned);
    }
  });
});
