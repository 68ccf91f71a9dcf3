import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  activationDue,
  lifecycleStage,
  memberTags,
  quintileScores,
  rfmGroup,
  rfmScores,
  type LifecycleFacts,
  type RfmScore,
  type SegmentFacts,
} from '@atrium/shared';
import { titled } from '../support/tables.js';

// The rules take `now` as an argument; a system clock far from every date below shows they never read it.
beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2001-09-09T01:46:40Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

const DAY = 86_400_000;
const NOW = new Date('2026-06-30T12:00:00+08:00');
const daysAgo = (days: number | null) => (days === null ? null : new Date(NOW.getTime() - days * DAY).toISOString());
function facts(joined: number, purchase: number | null, visit: number | null): LifecycleFacts {
  return { joinedAt: daysAgo(joined) ?? '', lastPurchaseAt: daysAgo(purchase), lastVisitAt: daysAgo(visit) };
}
const MINUTE_IN_DAYS = 1 / 1440;
/** 89.9993… → "90 days less a minute", for test names. */
const days = (n: number) => (Number.isInteger(n) ? `${n} day${n === 1 ? '' : 's'}` : `${Math.round(n)} days less a minute`);

describe('the lifecycle stage of a member', () => {
  it.each(titled([
    { joined: 0, purchase: null, visit: null, stage: 'new' },
    { joined: 3, purchase: null, visit: 3, stage: 'new' },
    { joined: 90 - MINUTE_IN_DAYS, purchase: null, visit: 5, stage: 'new' },
    { joined: 90, purchase: null, visit: 5, stage: 'dormant' },
    { joined: 200, purchase: null, visit: 10, stage: 'dormant' },
    { joined: 179, purchase: null, visit: null, stage: 'dormant' },
    { joined: 180 - MINUTE_IN_DAYS, purchase: null, visit: null, stage: 'dormant' },
    { joined: 180, purchase: null, visit: null, stage: 'sleeping' },
    { joined: 400, purchase: null, visit: 180, stage: 'sleeping' },
    { joined: 400, purchase: null, visit: 180 - MINUTE_IN_DAYS, stage: 'dormant' },
    { joined: 5, purchase: 1, visit: 1, stage: 'active' },
    { joined: 100, purchase: 10, visit: 2, stage: 'active' },
    { joined: 400, purchase: 90 - MINUTE_IN_DAYS, visit: null, stage: 'active' },
    { joined: 400, purchase: 90, visit: null, stage: 'dormant' },
    { joined: 400, purchase: 90, visit: 90, stage: 'dormant' },
    { joined: 400, purchase: 120, visit: 3, stage: 'dormant' },
    { joined: 400, purchase: 180 - MINUTE_IN_DAYS, visit: null, stage: 'dormant' },
    { joined: 400, purchase: 180, visit: null, stage: 'sleeping' },
    { joined: 400, purchase: 180, visit: 180, stage: 'sleeping' },
    { joined: 400, purchase: 300, visit: 200, stage: 'sleeping' },
    { joined: 400, purchase: 300, visit: 179, stage: 'dormant' },
    // A purchase counts as a visit even when the visit column lags behind it.
    { joined: 400, purchase: 100, visit: 250, stage: 'dormant' },
    // Not yet a member for 180 days: dormant, never sleeping.
    { joined: 170, purchase: 170, visit: null, stage: 'dormant' },
  ], (r) =>
    `a member who joined ${days(r.joined)} ago, ${r.purchase === null ? 'never bought' : `last bought ${days(r.purchase)} ago`} and ${r.visit === null ? 'has no other visit' : `last visited ${days(r.visit)} ago`} is ${r.stage}`,
  ))('%s', (_, { joined, purchase, visit, stage }) => {
    expect(lifecycleStage(facts(joined, purchase, visit), NOW)).toBe(stage);
  });
});

describe('whether a member is due the activation campaign', () => {
  it.each(titled([
    { joined: 0, purchase: null, due: false },
    { joined: 7 - MINUTE_IN_DAYS, purchase: null, due: false },
    { joined: 7, purchase: null, due: true },
    { joined: 30, purchase: null, due: true },
    { joined: 30, purchase: 25, due: false },
    { joined: 8, purchase: 8, due: false },
    { joined: 3, purchase: 1, due: false },
  ], (r) =>
    `a member who joined ${days(r.joined)} ago and ${r.purchase === null ? 'never bought' : `last bought ${days(r.purchase)} ago`} ${r.due ? 'is' : 'is not'} due`,
  ))('%s', (_, { joined, purchase, due }) => {
    expect(activationDue(facts(joined, purchase, null), NOW)).toBe(due);
  });
});

describe('quintile scores', () => {
  it.each(titled([
    { case: 'ten ascending values, higher better', values: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100], higher: true, scores: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5] },
    { case: 'ten ascending values, lower better', values: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100], higher: false, scores: [5, 5, 4, 4, 3, 3, 2, 2, 1, 1] },
    { case: 'ten shuffled values, higher better', values: [70, 10, 100, 40, 20, 90, 60, 30, 80, 50], higher: true, scores: [4, 1, 5, 2, 1, 5, 3, 2, 4, 3] },
    { case: 'ten shuffled values, lower better', values: [70, 10, 100, 40, 20, 90, 60, 30, 80, 50], higher: false, scores: [2, 5, 1, 4, 5, 1, 3, 4, 2, 3] },
    { case: 'a tie across a quintile boundary', values: [10, 20, 20, 40, 50, 60, 70, 80, 90, 100], higher: true, scores: [1, 1, 1, 2, 3, 3, 4, 4, 5, 5] },
    { case: 'a tie at the top', values: [10, 20, 30, 40, 50, 60, 70, 80, 100, 100], higher: true, scores: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5] },
    { case: 'a tie of three at the top stays at the top', values: [10, 20, 30, 40, 50, 60, 70, 100, 100, 100], higher: true, scores: [1, 1, 2, 2, 3, 3, 4, 5, 5, 5] },
    { case: 'a tie across a boundary, lower better', values: [1, 2, 3, 4, 5, 6, 7, 8, 8, 10], higher: false, scores: [5, 5, 4, 4, 3, 3, 2, 1, 1, 1] },
    { case: 'nine equal values and one higher: the nine sit in the middle', values: [5, 5, 5, 5, 5, 5, 5, 5, 5, 9], higher: true, scores: [3, 3, 3, 3, 3, 3, 3, 3, 3, 5] },
    { case: 'values that do not differ all land in the middle', values: [3, 3, 3, 3, 3], higher: true, scores: [3, 3, 3, 3, 3] },
    { case: 'a lone member, higher better, has nobody to rank against', values: [42], higher: true, scores: [3] },
    { case: 'a lone member, lower better, has nobody to rank against', values: [42], higher: false, scores: [3] },
    { case: 'five values', values: [5, 4, 3, 2, 1], higher: true, scores: [5, 4, 3, 2, 1] },
    { case: 'no values', values: [], higher: true, scores: [] },
  ], (r) => `${r.case} score ${r.scores.join(', ') || 'nothing'}`))('%s', (_, { values, higher, scores }) => {
    expect(quintileScores(values, higher)).toEqual(scores);
  });

  it('never gives equal values different scores, nor a better value a lower score', () => {
    let seed = 7;
    const next = (max: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % max;
    };
    for (let trial = 0; trial < 40; trial++) {
      const values = Array.from({ length: 1 + next(30) }, () => next(12));
      for (const higher of [true, false]) {
        const scores = quintileScores(values, higher);
        expect(scores).toHaveLength(values.length);
        values.forEach((a, i) => {
          const sa = scores[i] ?? 0;
          expect(sa).toBeGreaterThanOrEqual(1);
          expect(sa).toBeLessThanOrEqual(5);
          values.forEach((b, j) => {
            const sb = scores[j] ?? 0;
            if (a === b) expect(sa).toBe(sb);
            if ((higher && a > b) || (!higher && a < b)) expect(sa).toBeGreaterThanOrEqual(sb);
          });
        });
      }
    }
  });
});

describe('RFM scores', () => {
  const members = Array.from({ length: 10 }, (_, i) => ({
    memberId: 1001 + i,
    recencyDays: (i + 1) * 3,
    frequency: 10 - i,
    monetaryFen: (i + 1) * 100_00,
  }));

  it.each(titled([
    { memberId: 1001, score: { r: 5, f: 5, m: 1 } },
    { memberId: 1002, score: { r: 5, f: 5, m: 1 } },
    { memberId: 1003, score: { r: 4, f: 4, m: 2 } },
    { memberId: 1006, score: { r: 3, f: 3, m: 3 } },
    { memberId: 1009, score: { r: 1, f: 1, m: 5 } },
    { memberId: 1010, score: { r: 1, f: 1, m: 5 } },
  ], (r) =>
    `member ${r.memberId} scores r${r.score.r} f${r.score.f} m${r.score.m} (a recent purchase scores high)`,
  ))('%s', (_, { memberId, score }) => {
    expect(rfmScores(members).get(memberId)).toEqual(score);
  });

  it('scores every member given and no one else', () => {
    const scores = rfmScores(members);
    expect([...scores.keys()]).toEqual(members.map((m) => m.memberId));
    expect(scores.has(999)).toBe(false);
  });

  it('scores no one when no one bought anything', () => {
    expect(rfmScores([]).size).toBe(0);
  });

  it('gives members with the same recency the same recency score', () => {
    const scores = rfmScores([
      { memberId: 1, recencyDays: 2, frequency: 1, monetaryFen: 1 },
      { memberId: 2, recencyDays: 2, frequency: 2, monetaryFen: 2 },
      { memberId: 3, recencyDays: 60, frequency: 3, monetaryFen: 3 },
    ]);
    expect(scores.get(1)?.r).toBe(scores.get(2)?.r);
    expect(scores.get(1)?.r).toBeGreaterThan(scores.get(3)?.r ?? Infinity);
  });
});

describe('the RFM group', () => {
  it.each(titled([
    { score: { r: 5, f: 5, m: 5 }, group: 'champion' },
    { score: { r: 4, f: 4, m: 4 }, group: 'champion' },
    { score: { r: 4, f: 4, m: 3 }, group: 'loyal' },
    { score: { r: 3, f: 4, m: 5 }, group: 'loyal' },
    { score: { r: 3, f: 5, m: 1 }, group: 'loyal' },
    { score: { r: 2, f: 5, m: 5 }, group: 'at_risk' },
    { score: { r: 1, f: 3, m: 1 }, group: 'at_risk' },
    { score: { r: 2, f: 1, m: 3 }, group: 'at_risk' },
    { score: { r: 1, f: 1, m: 5 }, group: 'at_risk' },
    { score: { r: 3, f: 1, m: 5 }, group: 'big_spender' },
    { score: { r: 5, f: 3, m: 5 }, group: 'big_spender' },
    { score: { r: 5, f: 3, m: 4 }, group: 'regular' },
    { score: { r: 4, f: 3, m: 4 }, group: 'regular' },
    { score: { r: 3, f: 3, m: 3 }, group: 'regular' },
    { score: { r: 2, f: 2, m: 2 }, group: 'regular' },
    { score: { r: 1, f: 1, m: 1 }, group: 'regular' },
  ], (r) => `r${r.score.r} f${r.score.f} m${r.score.m} is ${r.group}`))('%s', (_, { score, group }) => {
    expect(rfmGroup(score)).toBe(group);
  });
});

describe('the tags of a member', () => {
  const champion: RfmScore = { r: 5, f: 4, m: 4 };
  function member(over: Partial<SegmentFacts> & { joined?: number; purchase?: number | null; visit?: number | null }): SegmentFacts {
    const { joined = 400, purchase = 10, visit = 2, ...rest } = over;
    return { ...facts(joined, purchase, visit), tier: 'gold', birthdayMonth: null, topCategories: [], rfm: null, ...rest };
  }

  it.each(titled([
    {
      case: 'an active gold champion in their birthday month who likes beauty and dining',
      facts: member({ birthdayMonth: 6, topCategories: ['beauty', 'dining'], rfm: champion }),
      month: 6,
      tags: ['tier:gold', 'lifecycle:active', 'birthday-month', 'likes:beauty', 'likes:dining', 'rfm:r5', 'rfm:f4', 'rfm:m4', 'rfm:champion'],
    },
    {
      case: 'the same member a month later',
      facts: member({ birthdayMonth: 6, topCategories: ['beauty', 'dining'], rfm: champion }),
      month: 7,
      tags: ['tier:gold', 'lifecycle:active', 'likes:beauty', 'likes:dining', 'rfm:r5', 'rfm:f4', 'rfm:m4', 'rfm:champion'],
    },
    {
      case: 'a member who joined three days ago',
      facts: member({ tier: 'member', joined: 3, purchase: null, visit: 3 }),
      month: 6,
      tags: ['tier:member', 'lifecycle:new'],
    },
    {
      case: 'a member who joined ten days ago and has not bought',
      facts: member({ tier: 'member', joined: 10, purchase: null, visit: null, birthdayMonth: 1 }),
      month: 6,
      tags: ['tier:member', 'lifecycle:new', 'activation-due'],
    },
    {
      case: 'a silver member who stopped coming, once at risk',
      facts: member({ tier: 'silver', purchase: 200, visit: 190, topCategories: ['toys'], rfm: { r: 1, f: 3, m: 2 } }),
      month: 6,
      tags: ['tier:silver', 'lifecycle:sleeping', 'likes:toys', 'rfm:r1', 'rfm:f3', 'rfm:m2', 'rfm:at_risk'],
    },
    {
      case: 'a dormant member with no score',
      facts: member({ purchase: 100, visit: 20 }),
      month: 6,
      tags: ['tier:gold', 'lifecycle:dormant'],
    },
  ], (r) => `${r.case} is tagged ${r.tags.join(', ')}`))('%s', (_, { facts: f, month, tags }) => {
    expect(memberTags(f, NOW, month)).toEqual(tags);
  });
});

describe('quintile scores of values that do not differ', () => {
  it.each([2, 3, 4, 5, 10])('%i equal values all score 3', (n) => {
    expect(quintileScores(Array.from({ length: n }, () => 7), true)).toEqual(Array.from({ length: n }, () => 3));
  });
});
