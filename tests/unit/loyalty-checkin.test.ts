import { describe, expect, it } from 'vitest';
import { checkinOutcome, type CheckinRule } from '@atrium/shared';
import { titled } from '../support/tables.js';

const RULE: CheckinRule = { points: 10, streakDays: 7, streakBonus: 50 };

describe('a check-in at the kiosk', () => {
  it.each(titled([
    { case: 'a first check-in', last: null, today: '2026-03-02', outcome: { already: false, streak: 1, points: 10, bonus: 0 } },
    { case: 'a second check-in the same day', last: { day: '2026-03-02', streak: 1 }, today: '2026-03-02', outcome: { already: true, streak: 1 } },
    { case: 'a repeat on the day a streak reached 7', last: { day: '2026-03-08', streak: 7 }, today: '2026-03-08', outcome: { already: true, streak: 7 } },
    { case: 'the next day', last: { day: '2026-03-02', streak: 1 }, today: '2026-03-03', outcome: { already: false, streak: 2, points: 10, bonus: 0 } },
    { case: 'the fourth day in a row', last: { day: '2026-03-04', streak: 3 }, today: '2026-03-05', outcome: { already: false, streak: 4, points: 10, bonus: 0 } },
    { case: 'the seventh day in a row', last: { day: '2026-03-07', streak: 6 }, today: '2026-03-08', outcome: { already: false, streak: 7, points: 10, bonus: 50 } },
    { case: 'the eighth day in a row', last: { day: '2026-03-08', streak: 7 }, today: '2026-03-09', outcome: { already: false, streak: 8, points: 10, bonus: 0 } },
    { case: 'the fourteenth day in a row', last: { day: '2026-03-14', streak: 13 }, today: '2026-03-15', outcome: { already: false, streak: 14, points: 10, bonus: 50 } },
    { case: 'a day across a month end', last: { day: '2026-02-28', streak: 2 }, today: '2026-03-01', outcome: { already: false, streak: 3, points: 10, bonus: 0 } },
    { case: 'a day across a year end', last: { day: '2025-12-31', streak: 6 }, today: '2026-01-01', outcome: { already: false, streak: 7, points: 10, bonus: 50 } },
    { case: 'the day after a leap day', last: { day: '2024-02-29', streak: 4 }, today: '2024-03-01', outcome: { already: false, streak: 5, points: 10, bonus: 0 } },
    { case: 'a check-in that skipped the leap day', last: { day: '2024-02-28', streak: 4 }, today: '2024-03-01', outcome: { already: false, streak: 1, points: 10, bonus: 0 } },
    { case: 'a check-in after a one-day gap', last: { day: '2026-03-02', streak: 5 }, today: '2026-03-04', outcome: { already: false, streak: 1, points: 10, bonus: 0 } },
    { case: 'a check-in a year later', last: { day: '2025-03-03', streak: 6 }, today: '2026-03-03', outcome: { already: false, streak: 1, points: 10, bonus: 0 } },
  ], (r) =>
    `${r.case} ${r.outcome.already ? 'is told it already checked in' : `gets ${r.outcome.points} points, streak ${r.outcome.streak}, bonus ${r.outcome.bonus}`}`,
  ))('%s', (_, { last, today, outcome }) => {
    expect(checkinOutcome(last, today, RULE)).toEqual(outcome);
  });

  it('pays the streak bonus exactly on every seventh consecutive day', () => {
    let last: { day: string; streak: number } | null = null;
    const bonusDays: number[] = [];
    const start = Date.parse('2026-03-30T00:00:00Z');
    for (let i = 0; i < 22; i++) {
      const today = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
      const outcome = checkinOutcome(last, today, RULE);
      if (outcome.already) throw new Error(`${today} was taken for a repeat`);
      if (outcome.bonus > 0) bonusDays.push(outcome.streak);
      expect(outcome.bonus === 0 || outcome.bonus === 50).toBe(true);
      last = { day: today, streak: outcome.streak };
    }
    expect(bonusDays).toEqual([7, 14, 21]);
    expect(last?.streak).toBe(22);
  });

  it('starts the count again after a gap, so the bonus needs seven new days in a row', () => {
    const days = ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-08', '2026-03-09'];
    let last: { day: string; streak: number } | null = null;
    const streaks: number[] = [];
    let bonus = 0;
    for (const today of days) {
      const outcome = checkinOutcome(last, today, RULE);
      if (outcome.already) throw new Error(`${today} was taken for a repeat`);
      streaks.push(outcome.streak);
      bonus += outcome.bonus;
      last = { day: today, streak: outcome.streak };
    }
    expect(streaks).toEqual([1, 2, 3, 4, 5, 6, 1, 2]);
    expect(bonus).toBe(0);
  });

  it.each(titled([
    { streakDays: 1, streaks: [1, 2, 3], bonuses: [5, 5, 5] },
    { streakDays: 3, streaks: [2, 3, 4, 6], bonuses: [0, 5, 0, 5] },
    { streakDays: 0, streaks: [1, 2, 7, 30], bonuses: [0, 0, 0, 0] },
  ], (r) =>
    `with a bonus every ${r.streakDays} day(s), streaks ${r.streaks.join(', ')} earn bonuses ${r.bonuses.join(', ')}`,
  ))('%s', (_, { streakDays, streaks, bonuses }) => {
    const rule: CheckinRule = { points: 1, streakDays, streakBonus: 5 };
    const got = streaks.map((streak) => {
      const outcome = checkinOutcome({ day: '2026-03-01', streak: streak - 1 }, '2026-03-02', rule);
      return outcome.already ? -1 : outcome.bonus;
    });
    expect(got).toEqual(bonuses);
  });
});
