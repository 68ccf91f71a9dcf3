import type { MallMoment } from './mall-time.js';

/**
 * Bonus rules are data (table `points_rules`), evaluated here. On a purchase the
 * base is one point per whole yuan times the tier multiplier; bonus multipliers do
 * not stack: the single highest one that applies is used, and named on the ledger
 * entry so every point can be explained.
 */
export type PointsRule =
  | { id: string; kind: 'category'; active: boolean; categories: string[]; multiplierPct: number }
  | { id: string; kind: 'time_window'; active: boolean; weekdays: number[]; startMinute: number; endMinute: number; multiplierPct: number }
  | { id: string; kind: 'birthday_month'; active: boolean; multiplierPct: number }
  | { id: string; kind: 'checkin'; active: boolean; points: number; streakDays: number; streakBonus: number }
  | { id: string; kind: 'referral'; active: boolean; referrerPoints: number; inviteePoints: number };

export interface PurchaseContext {
  amountFen: number;
  category: string;
  at: MallMoment;
  tier: { code: string; multiplierPct: number };
  /** 1–12, or null when the member gave no birthday. */
  birthdayMonth: number | null;
}

export interface PointsAward {
  points: number;
  /** e.g. "base:gold×150%" or "base:gold×150% + time_window:weekday-afternoon×200%". */
  rule: string;
}

function applies(rule: PointsRule, ctx: PurchaseContext): boolean {
  if (!rule.active) return false;
  switch (rule.kind) {
    case 'category':
      return rule.categories.includes(ctx.category);
    case 'time_window':
      return rule.weekdays.includes(ctx.at.weekday) && inWindow(ctx.at.minute, rule.startMinute, rule.endMinute);
    case 'birthday_month':
      return ctx.birthdayMonth === ctx.at.month;
    default:
      return false;
  }
}

/** [start, end) in minutes; a window whose end is before its start runs across midnight. */
export function inWindow(minute: number, start: number, end: number): boolean {
  return start <= end ? minute >= start && minute < end : minute >= start || minute < end;
}

export function purchasePoints(ctx: PurchaseContext, rules: readonly PointsRule[]): PointsAward {
  const yuan = Math.floor(ctx.amountFen / 100);
  let best: (PointsRule & { multiplierPct: number }) | undefined;
  for (const rule of rules) {
    if (!('multiplierPct' in rule) || !applies(rule, ctx)) continue;
    if (rule.multiplierPct > 100 && (!best || rule.multiplierPct > best.multiplierPct)) best = rule;
  }
  const bonusPct = best?.multiplierPct ?? 100;
  const points = Math.floor((yuan * ctx.tier.multiplierPct * bonusPct) / 10_000);
  const base = `base:${ctx.tier.code}×${ctx.tier.multiplierPct}%`;
  return { points, rule: best ? `${base} + ${best.kind}:${best.id}×${best.multiplierPct}%` : base };
}

/** Share of a purchase's points taken back by refunds so far; cumulative, so partial refunds add up exactly. */
export function pointsToReverse(pointsEarned: number, amountFen: number, refundedBeforeFen: number, refundFen: number, reversedBefore: number): number {
  if (amountFen <= 0) return 0;
  const totalRefunded = Math.min(amountFen, refundedBeforeFen + refundFen);
  const shouldBeReversed = Math.floor((pointsEarned * totalRefunded) / amountFen);
  return Math.max(0, shouldBeReversed - reversedBefore);
}
