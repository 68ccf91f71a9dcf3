import { addDays } from './mall-time.js';

export interface CheckinRule {
  points: number;
  /** Every `streakDays` consecutive days earns `streakBonus` on top. */
  streakDays: number;
  streakBonus: number;
}

export type CheckinOutcome =
  | { already: true; streak: number }
  | { already: false; streak: number; points: number; bonus: number };

/** One check-in per member per mall day; consecutive days build a streak. */
export function checkinOutcome(last: { day: string; streak: number } | null, today: string, rule: CheckinRule): CheckinOutcome {
  if (last?.day === today) return { already: true, streak: last.streak };
  const streak = last && addDays(last.day, 1) === today ? last.streak + 1 : 1;
  const bonus = rule.streakDays > 0 && streak % rule.streakDays === 0 ? rule.streakBonus : 0;
  return { already: false, streak, points: rule.points, bonus };
}
