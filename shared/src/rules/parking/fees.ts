/**
 * Parking fees and the benefits that cover them (docs/parking.md has the tables).
 * All money in fen, all time in whole minutes; pure, so the barrier, the console
 * and the tests compute the same numbers.
 */
export interface Tariff {
  /** A stay up to this long is free, with no benefit used. */
  freeMinutes: number;
  /** Price of each started hour after that. */
  perHourFen: number;
  /** Most a car pays for each 24 hours. */
  dayCapFen: number;
  /** Charged when the hub has no entry for a car leaving (missed read, lost ticket). */
  lostTicketFeeFen: number;
  /** Same-day spend validation: every full this-many fen spent in the mall today covers one hour … */
  spendFenPerHour: number;
  /** … up to this many hours. */
  spendHoursCap: number;
}

/** Started hours of a stay (a stay within the free minutes is 0 hours). */
export function billableHours(minutes: number, tariff: Tariff): number {
  if (minutes <= tariff.freeMinutes) return 0;
  return Math.ceil(minutes / 60);
}

/** The fee for a number of hours, capped per 24 hours. */
export function feeForHours(hours: number, tariff: Tariff): number {
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  return days * tariff.dayCapFen + Math.min(tariff.dayCapFen, rest * tariff.perHourFen);
}

export interface HourCredit {
  /** Where the hours come from: a reward redemption or a coupon, by id/code. */
  ref: string;
  hours: number;
}

export interface BenefitsAvailable {
  tierCode: string | null;
  tierFreeHours: number;
  spendTodayFen: number;
  /** Parking hours bought with points, oldest first. */
  rewardCredits: HourCredit[];
  /** Parking-hours coupons in the wallet, soonest to expire first. */
  coupons: HourCredit[];
}

export type BenefitLine =
  | { kind: 'tier'; hours: number; tierCode: string }
  | { kind: 'spend'; hours: number; spendFen: number }
  | { kind: 'reward'; hours: number; ref: string }
  | { kind: 'coupon'; hours: number; ref: string };

export interface ExitBreakdown {
  minutes: number;
  hours: number;
  grossFen: number;
  benefits: BenefitLine[];
  coveredHours: number;
  feeFen: number;
}

/**
 * The exit bill. Benefits apply in this order: tier free hours, same-day spend,
 * parking hours bought with points, then a parking coupon; each covers only the
 * hours still unpaid, so nothing is used for hours already covered, and a reward
 * or coupon is used only if it lowers the fee (a coupon whole, a reward's hours
 * only as far as they save money: under the day cap, more hours may save nothing).
 */
export function exitBreakdown(minutes: number, tariff: Tariff, benefits: BenefitsAvailable): ExitBreakdown {
  const hours = billableHours(minutes, tariff);
  const grossFen = feeForHours(hours, tariff);
  const lines: BenefitLine[] = [];
  let left = hours;
  const take = (available: number) => Math.min(left, Math.max(0, available));

  if (left > 0 && benefits.tierCode && benefits.tierFreeHours > 0) {
    const h = take(benefits.tierFreeHours);
    lines.push({ kind: 'tier', hours: h, tierCode: benefits.tierCode });
    left -= h;
  }
  const spendHours = tariff.spendFenPerHour > 0 ? Math.min(tariff.spendHoursCap, Math.floor(benefits.spendTodayFen / tariff.spendFenPerHour)) : 0;
  if (left > 0 && spendHours > 0) {
    const h = take(spendHours);
    lines.push({ kind: 'spend', hours: h, spendFen: benefits.spendTodayFen });
    left -= h;
  }
  for (const credit of benefits.rewardCredits) {
    if (left === 0) break;
    const h = take(credit.hours);
    if (h > 0) lines.push({ kind: 'reward', hours: h, ref: credit.ref });
    left -= h;
  }
  const coupon = left > 0 ? benefits.coupons[0] : undefined;
  if (coupon) {
    const h = take(coupon.hours);
    lines.push({ kind: 'coupon', hours: h, ref: coupon.ref });
    left -= h;
  }
  const feeFen = feeForHours(left, tariff);
  // Under the day cap, covering more hours may save nothing: give back what the final
  // fee does not need, last-applied first (a coupon whole, a reward hour by hour).
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line.kind !== 'coupon' && line.kind !== 'reward') continue;
    if (line.kind === 'coupon') {
      if (feeForHours(left + line.hours, tariff) === feeFen) {
        left += line.hours;
        lines.splice(i, 1);
      }
      continue;
    }
    let giveBack = 0;
    while (giveBack < line.hours && feeForHours(left + giveBack + 1, tariff) === feeFen) giveBack++;
    left += giveBack;
    if (giveBack === line.hours) lines.splice(i, 1);
    else lines[i] = { ...line, hours: line.hours - giveBack };
  }
  return { minutes, hours, grossFen, benefits: lines, coveredHours: hours - left, feeFen };
}
