import { describe, expect, it } from 'vitest';
import {
  billableHours,
  exitBreakdown,
  feeForHours,
  type BenefitLine,
  type BenefitsAvailable,
  type ExitBreakdown,
  type HourCredit,
  type Tariff,
} from '@atrium/shared';
import { titled } from '../support/tables.js';

/** The default tariff (migration 007): ¥10 per started hour after 15 free minutes, ¥60 a day, ¥100 lost ticket, every ¥100 spent today covers an hour, up to 4. */
const TARIFF: Tariff = { freeMinutes: 15, perHourFen: 10_00, dayCapFen: 60_00, lostTicketFeeFen: 100_00, spendFenPerHour: 100_00, spendHoursCap: 4 };

/** Free parking hours of the seeded tiers (migration 001): Classic 1, Silver 2, Gold 3, Platinum 4. */
const TIER_HOURS = { member: 1, silver: 2, gold: 3, platinum: 4 } as const;
type TierCode = keyof typeof TIER_HOURS;
const TIER_NAME: Record<TierCode, string> = { member: 'Classic', silver: 'Silver', gold: 'Gold', platinum: 'Platinum' };

const h = (hours: number, minutes = 0) => hours * 60 + minutes;
const yuan = (fen: number) => `¥${fen / 100}`;
const credits = (list: ReadonlyArray<readonly [string, number]>): HourCredit[] => list.map(([ref, hours]) => ({ ref, hours }));

interface Available {
  tier?: TierCode | null;
  spendFen?: number;
  rewards?: ReadonlyArray<readonly [string, number]>;
  coupons?: ReadonlyArray<readonly [string, number]>;
}

function available({ tier = null, spendFen = 0, rewards = [], coupons = [] }: Available): BenefitsAvailable {
  return {
    tierCode: tier,
    tierFreeHours: tier ? TIER_HOURS[tier] : 0,
    spendTodayFen: spendFen,
    rewardCredits: credits(rewards),
    coupons: credits(coupons),
  };
}

const tierLine = (tierCode: TierCode, hours: number): BenefitLine => ({ kind: 'tier', hours, tierCode });
const spendLine = (hours: number, spendFen: number): BenefitLine => ({ kind: 'spend', hours, spendFen });
const rewardLine = (ref: string, hours: number): BenefitLine => ({ kind: 'reward', hours, ref });
const couponLine = (ref: string, hours: number): BenefitLine => ({ kind: 'coupon', hours, ref });

const describeLines = (lines: readonly BenefitLine[]) =>
  lines.length === 0
    ? 'no benefit used'
    : lines
        .map((l) => {
          switch (l.kind) {
            case 'tier':
              return `${TIER_NAME[l.tierCode as TierCode]} ${l.hours} h`;
            case 'spend':
              return `spend ${l.hours} h`;
            case 'reward':
              return `reward ${l.ref} ${l.hours} h`;
            case 'coupon':
              return `coupon ${l.ref} ${l.hours} h`;
          }
        })
        .join(' + ');

const KIND_ORDER: Record<BenefitLine['kind'], number> = { tier: 0, spend: 1, reward: 2, coupon: 3 };
const sum = (lines: readonly BenefitLine[]) => lines.reduce((total, l) => total + l.hours, 0);

/** What every exit bill must satisfy, whatever the stay and the benefits. */
function expectConsistent(bill: ExitBreakdown, minutes: number, tariff: Tariff, benefits: BenefitsAvailable): void {
  const hours = billableHours(minutes, tariff);
  expect(bill.minutes).toBe(minutes);
  expect(bill.hours).toBe(hours);
  expect(bill.grossFen).toBe(feeForHours(hours, tariff));

  // Covered plus billed hours are the stay's hours, and the member pays only for the billed ones.
  const billed = bill.hours - bill.coveredHours;
  expect(bill.coveredHours).toBe(sum(bill.benefits));
  expect(billed).toBeGreaterThanOrEqual(0);
  expect(bill.coveredHours + billed).toBe(bill.hours);
  expect(bill.feeFen).toBe(feeForHours(billed, tariff));
  expect(bill.feeFen).toBeLessThanOrEqual(bill.grossFen);
  if (billed === 0) expect(bill.feeFen).toBe(0);

  // Within the free minutes nothing is used.
  if (minutes <= tariff.freeMinutes) {
    expect(bill.benefits).toEqual([]);
    expect(bill.feeFen).toBe(0);
  }

  // Order tier → spend → rewards → one coupon; each line covers at least an hour that was still unpaid.
  const kinds = bill.benefits.map((l) => KIND_ORDER[l.kind]);
  expect(kinds).toEqual([...kinds].sort((a, b) => a - b));
  expect(bill.benefits.filter((l) => l.kind === 'tier').length).toBeLessThanOrEqual(1);
  expect(bill.benefits.filter((l) => l.kind === 'spend').length).toBeLessThanOrEqual(1);
  expect(bill.benefits.filter((l) => l.kind === 'coupon').length).toBeLessThanOrEqual(1);
  let unpaid = hours;
  for (const line of bill.benefits) {
    expect(line.hours).toBeGreaterThan(0);
    expect(line.hours).toBeLessThanOrEqual(unpaid);
    unpaid -= line.hours;
  }

  // Each benefit covers as much as it can of what is still unpaid, and no more.
  let left = hours;
  const tier = bill.benefits.find((l) => l.kind === 'tier');
  const tierCan = benefits.tierCode ? Math.min(left, benefits.tierFreeHours) : 0;
  expect(tier?.hours ?? 0).toBe(tierCan);
  left -= tierCan;
  const spend = bill.benefits.find((l) => l.kind === 'spend');
  const spendCan = Math.min(left, tariff.spendHoursCap, Math.floor(benefits.spendTodayFen / tariff.spendFenPerHour));
  expect(spend?.hours ?? 0).toBe(spendCan);
  if (spend?.kind === 'spend') expect(spend.spendFen).toBe(benefits.spendTodayFen);
  left -= spendCan;

  // Rewards (oldest first) and the first coupon: what taking all of them would cover sets the lowest fee …
  const greedy: Array<{ ref: string; hours: number; kind: 'reward' | 'coupon' }> = [];
  for (const credit of benefits.rewardCredits) {
    const take = Math.min(left, credit.hours);
    if (take > 0) greedy.push({ ref: credit.ref, hours: take, kind: 'reward' });
    left -= take;
  }
  const firstCoupon = benefits.coupons[0];
  if (left > 0 && firstCoupon) {
    const take = Math.min(left, firstCoupon.hours);
    greedy.push({ ref: firstCoupon.ref, hours: take, kind: 'coupon' });
    left -= take;
  }
  expect(bill.feeFen).toBe(feeForHours(left, tariff));
  // … and the bill reaches that fee using no more of them than it must: the same ones, in the same order,
  // never more hours, and giving back one more hour of a reward (or the coupon) would raise the fee.
  const used = bill.benefits.filter((l) => l.kind === 'reward' || l.kind === 'coupon');
  let g = 0;
  for (const line of used) {
    while (g < greedy.length && (greedy[g]!.kind !== line.kind || greedy[g]!.ref !== (line as { ref: string }).ref)) g++;
    expect(g, `${line.kind} ${(line as { ref: string }).ref} was offered`).toBeLessThan(greedy.length);
    expect(line.hours).toBeLessThanOrEqual(greedy[g]!.hours);
    const back = line.kind === 'coupon' ? line.hours : 1;
    expect(feeForHours(billed + back, tariff)).toBeGreaterThan(bill.feeFen);
    g++;
  }
}

describe('the started hours of a stay', () => {
  it.each(titled([
    { minutes: 0, hours: 0 },
    { minutes: 1, hours: 0 },
    { minutes: 14, hours: 0 },
    { minutes: 15, hours: 0 },
    { minutes: 16, hours: 1 },
    { minutes: 59, hours: 1 },
    { minutes: 60, hours: 1 },
    { minutes: 61, hours: 2 },
    { minutes: 119, hours: 2 },
    { minutes: 120, hours: 2 },
    { minutes: 121, hours: 3 },
    { minutes: h(5, 30), hours: 6 },
    { minutes: h(24), hours: 24 },
    { minutes: h(24) + 1, hours: 25 },
  ], (r) => `a stay of ${r.minutes} minutes with 15 free minutes counts ${r.hours} started hours`))('%s', (_, { minutes, hours }) => {
    expect(billableHours(minutes, TARIFF)).toBe(hours);
  });

  it.each(titled([
    { freeMinutes: 0, minutes: 0, hours: 0 },
    { freeMinutes: 0, minutes: 1, hours: 1 },
    { freeMinutes: 30, minutes: 30, hours: 0 },
    { freeMinutes: 30, minutes: 31, hours: 1 },
    { freeMinutes: 90, minutes: 90, hours: 0 },
    { freeMinutes: 90, minutes: 91, hours: 2 },
  ], (r) =>
    `with ${r.freeMinutes} free minutes a stay of ${r.minutes} minutes counts ${r.hours} started hours (the hours count from the arrival, not from the end of the free minutes)`,
  ))('%s', (_, { freeMinutes, minutes, hours }) => {
    expect(billableHours(minutes, { ...TARIFF, freeMinutes })).toBe(hours);
  });
});

describe('the fee for a number of hours', () => {
  it.each(titled([
    { hours: 0, feeFen: 0 },
    { hours: 1, feeFen: 10_00 },
    { hours: 5, feeFen: 50_00 },
    { hours: 6, feeFen: 60_00 },
    { hours: 7, feeFen: 60_00 },
    { hours: 23, feeFen: 60_00 },
    { hours: 24, feeFen: 60_00 },
    { hours: 25, feeFen: 70_00 },
    { hours: 30, feeFen: 120_00 },
    { hours: 31, feeFen: 120_00 },
    { hours: 48, feeFen: 120_00 },
    { hours: 49, feeFen: 130_00 },
    { hours: 72, feeFen: 180_00 },
    { hours: 73, feeFen: 190_00 },
  ], (r) => `${r.hours} hours at ¥10 an hour and ¥60 a day cost ${yuan(r.feeFen)}`))('%s', (_, { hours, feeFen }) => {
    expect(feeForHours(hours, TARIFF)).toBe(feeFen);
  });

  it('caps each 24 hours on its own, so a second day starts from ¥0 again', () => {
    const tariff = { ...TARIFF, perHourFen: 15_00, dayCapFen: 50_00 };
    expect(feeForHours(3, tariff)).toBe(45_00);
    expect(feeForHours(4, tariff)).toBe(50_00);
    expect(feeForHours(24, tariff)).toBe(50_00);
    expect(feeForHours(27, tariff)).toBe(95_00);
    expect(feeForHours(28, tariff)).toBe(100_00);
  });
});

interface BillRow {
  when: string;
  minutes: number;
  with: Available;
  hours: number;
  grossFen: number;
  lines: BenefitLine[];
  feeFen: number;
}

const BILLS: BillRow[] = [
  // Within the free minutes: nothing is used.
  { when: 'a visitor leaving after 10 minutes', minutes: 10, with: {}, hours: 0, grossFen: 0, lines: [], feeFen: 0 },
  { when: 'a Gold member leaving at once', minutes: 0, with: { tier: 'gold' }, hours: 0, grossFen: 0, lines: [], feeFen: 0 },
  {
    when: 'a Platinum member with spend, a reward and a coupon leaving after exactly 15 minutes',
    minutes: 15,
    with: { tier: 'platinum', spendFen: 500_00, rewards: [['R1', 2]], coupons: [['C1', 3]] },
    hours: 0,
    grossFen: 0,
    lines: [],
    feeFen: 0,
  },
  // One minute past the free minutes: a whole hour.
  { when: 'a visitor leaving after 16 minutes', minutes: 16, with: {}, hours: 1, grossFen: 10_00, lines: [], feeFen: 10_00 },
  { when: 'a Classic member leaving after 16 minutes', minutes: 16, with: { tier: 'member' }, hours: 1, grossFen: 10_00, lines: [tierLine('member', 1)], feeFen: 0 },
  {
    when: 'a Platinum member leaving after 16 minutes (one tier hour used of four)',
    minutes: 16,
    with: { tier: 'platinum' },
    hours: 1,
    grossFen: 10_00,
    lines: [tierLine('platinum', 1)],
    feeFen: 0,
  },
  { when: 'a visitor who spent ¥99.99 today leaving after 16 minutes', minutes: 16, with: { spendFen: 99_99 }, hours: 1, grossFen: 10_00, lines: [], feeFen: 10_00 },
  {
    when: 'a visitor who spent exactly ¥100 today leaving after 16 minutes',
    minutes: 16,
    with: { spendFen: 100_00 },
    hours: 1,
    grossFen: 10_00,
    lines: [spendLine(1, 100_00)],
    feeFen: 0,
  },
  {
    when: 'a visitor with a 2-hour coupon leaving after 59 minutes',
    minutes: 59,
    with: { coupons: [['C1', 2]] },
    hours: 1,
    grossFen: 10_00,
    lines: [couponLine('C1', 1)],
    feeFen: 0,
  },
  // The tiers on their own.
  { when: 'a Classic member leaving after 61 minutes', minutes: 61, with: { tier: 'member' }, hours: 2, grossFen: 20_00, lines: [tierLine('member', 1)], feeFen: 10_00 },
  { when: 'a Silver member leaving after 61 minutes', minutes: 61, with: { tier: 'silver' }, hours: 2, grossFen: 20_00, lines: [tierLine('silver', 2)], feeFen: 0 },
  { when: 'a Gold member leaving after 3 hours', minutes: h(3), with: { tier: 'gold' }, hours: 3, grossFen: 30_00, lines: [tierLine('gold', 3)], feeFen: 0 },
  { when: 'a Gold member leaving after 3 hours 1 minute', minutes: h(3, 1), with: { tier: 'gold' }, hours: 4, grossFen: 40_00, lines: [tierLine('gold', 3)], feeFen: 10_00 },
  {
    when: 'a Platinum member leaving after 3 hours (only the three hours needed)',
    minutes: h(3),
    with: { tier: 'platinum' },
    hours: 3,
    grossFen: 30_00,
    lines: [tierLine('platinum', 3)],
    feeFen: 0,
  },
  { when: 'a Classic member leaving after 4 h 20', minutes: h(4, 20), with: { tier: 'member' }, hours: 5, grossFen: 50_00, lines: [tierLine('member', 1)], feeFen: 40_00 },
  { when: 'a Silver member leaving after 4 h 20', minutes: h(4, 20), with: { tier: 'silver' }, hours: 5, grossFen: 50_00, lines: [tierLine('silver', 2)], feeFen: 30_00 },
  { when: 'a Gold member leaving after 4 h 20', minutes: h(4, 20), with: { tier: 'gold' }, hours: 5, grossFen: 50_00, lines: [tierLine('gold', 3)], feeFen: 20_00 },
  { when: 'a Platinum member leaving after 4 h 20', minutes: h(4, 20), with: { tier: 'platinum' }, hours: 5, grossFen: 50_00, lines: [tierLine('platinum', 4)], feeFen: 10_00 },
  { when: 'a Platinum member leaving after 5 h 30', minutes: h(5, 30), with: { tier: 'platinum' }, hours: 6, grossFen: 60_00, lines: [tierLine('platinum', 4)], feeFen: 20_00 },
  // The day cap applies to the hours left unpaid.
  { when: 'a visitor leaving after 7 hours', minutes: h(7), with: {}, hours: 7, grossFen: 60_00, lines: [], feeFen: 60_00 },
  {
    when: 'a Classic member leaving after 7 hours (the six hours left still reach the day cap)',
    minutes: h(7),
    with: { tier: 'member' },
    hours: 7,
    grossFen: 60_00,
    lines: [tierLine('member', 1)],
    feeFen: 60_00,
  },
  { when: 'a Silver member leaving after 7 hours', minutes: h(7), with: { tier: 'silver' }, hours: 7, grossFen: 60_00, lines: [tierLine('silver', 2)], feeFen: 50_00 },
  { when: 'a Platinum member leaving after 7 hours', minutes: h(7), with: { tier: 'platinum' }, hours: 7, grossFen: 60_00, lines: [tierLine('platinum', 4)], feeFen: 30_00 },
  // Same-day spend: floor(spend / ¥100) hours, at most 4, after the tier.
  {
    when: 'a Silver member who spent ¥258 today leaving after 5 h 30',
    minutes: h(5, 30),
    with: { tier: 'silver', spendFen: 258_00 },
    hours: 6,
    grossFen: 60_00,
    lines: [tierLine('silver', 2), spendLine(2, 258_00)],
    feeFen: 20_00,
  },
  {
    when: 'a visitor who spent ¥399.99 today leaving after 5 h 30',
    minutes: h(5, 30),
    with: { spendFen: 399_99 },
    hours: 6,
    grossFen: 60_00,
    lines: [spendLine(3, 399_99)],
    feeFen: 30_00,
  },
  {
    when: 'a visitor who spent ¥400 today leaving after 5 h 30',
    minutes: h(5, 30),
    with: { spendFen: 400_00 },
    hours: 6,
    grossFen: 60_00,
    lines: [spendLine(4, 400_00)],
    feeFen: 20_00,
  },
  {
    when: 'a visitor who spent ¥2,000 today leaving after 5 h 30 (spend covers at most 4 hours)',
    minutes: h(5, 30),
    with: { spendFen: 2_000_00 },
    hours: 6,
    grossFen: 60_00,
    lines: [spendLine(4, 2_000_00)],
    feeFen: 20_00,
  },
  {
    when: 'a Gold member who spent ¥500 today leaving after 2 hours (the tier covers all, the spend is not used)',
    minutes: h(2),
    with: { tier: 'gold', spendFen: 500_00 },
    hours: 2,
    grossFen: 20_00,
    lines: [tierLine('gold', 2)],
    feeFen: 0,
  },
  {
    when: 'a Classic member who spent ¥300 today leaving after 1 h 10 (the spend covers only the hour left)',
    minutes: h(1, 10),
    with: { tier: 'member', spendFen: 300_00 },
    hours: 2,
    grossFen: 20_00,
    lines: [tierLine('member', 1), spendLine(1, 300_00)],
    feeFen: 0,
  },
  {
    when: 'a Silver member who spent ¥1,000 today, with a reward and a coupon, leaving after 5 h 30 (tier and spend cover all)',
    minutes: h(5, 30),
    with: { tier: 'silver', spendFen: 1_000_00, rewards: [['R1', 2]], coupons: [['C1', 3]] },
    hours: 6,
    grossFen: 60_00,
    lines: [tierLine('silver', 2), spendLine(4, 1_000_00)],
    feeFen: 0,
  },
  // Parking hours bought with points: oldest first, only the hours needed.
  {
    when: 'a visitor with a 3-hour reward leaving after 2 hours (one hour of the reward left unused)',
    minutes: h(2),
    with: { rewards: [['R1', 3]] },
    hours: 2,
    grossFen: 20_00,
    lines: [rewardLine('R1', 2)],
    feeFen: 0,
  },
  {
    when: 'a Classic member who spent ¥300 today with two 2-hour rewards and a coupon leaving after 7 hours',
    minutes: h(7),
    with: { tier: 'member', spendFen: 300_00, rewards: [['R1', 2], ['R2', 2]], coupons: [['C1', 3]] },
    hours: 7,
    grossFen: 60_00,
    lines: [tierLine('member', 1), spendLine(3, 300_00), rewardLine('R1', 2), rewardLine('R2', 1)],
    feeFen: 0,
  },
  {
    when: 'a visitor with rewards of 1, 3 and 5 hours leaving after 3 h 10 (the newest reward is not touched)',
    minutes: h(3, 10),
    with: { rewards: [['R1', 1], ['R2', 3], ['R3', 5]] },
    hours: 4,
    grossFen: 40_00,
    lines: [rewardLine('R1', 1), rewardLine('R2', 3)],
    feeFen: 0,
  },
  {
    when: 'a Gold member with a 2-hour reward leaving after 2 h 30 (the tier covers all, the reward is not used)',
    minutes: h(2, 30),
    with: { tier: 'gold', rewards: [['R1', 2]] },
    hours: 3,
    grossFen: 30_00,
    lines: [tierLine('gold', 3)],
    feeFen: 0,
  },
  // One coupon, the first in the wallet, only if still needed.
  {
    when: 'a visitor with 1-hour rewards and coupons of 2 and 5 hours leaving after 7 hours (only the first coupon)',
    minutes: h(7),
    with: { rewards: [['R1', 1], ['R2', 1]], coupons: [['C1', 2], ['C2', 5]] },
    hours: 7,
    grossFen: 60_00,
    lines: [rewardLine('R1', 1), rewardLine('R2', 1), couponLine('C1', 2)],
    feeFen: 30_00,
  },
  {
    when: 'a Gold member who spent ¥150 today with a 5-hour coupon leaving after 7 hours',
    minutes: h(7),
    with: { tier: 'gold', spendFen: 150_00, coupons: [['C1', 5]] },
    hours: 7,
    grossFen: 60_00,
    lines: [tierLine('gold', 3), spendLine(1, 150_00), couponLine('C1', 3)],
    feeFen: 0,
  },
  {
    when: 'a Gold member who spent ¥120 today with a 2-hour reward and a 1-hour coupon leaving after 9 hours',
    minutes: h(9),
    with: { tier: 'gold', spendFen: 120_00, rewards: [['R1', 2]], coupons: [['C1', 1]] },
    hours: 9,
    grossFen: 60_00,
    lines: [tierLine('gold', 3), spendLine(1, 120_00), rewardLine('R1', 2), couponLine('C1', 1)],
    feeFen: 20_00,
  },
  {
    when: 'a Silver member who spent ¥258 today with a 2-hour reward and a 3-hour coupon leaving after 6 h 30',
    minutes: h(6, 30),
    with: { tier: 'silver', spendFen: 258_00, rewards: [['R1', 2]], coupons: [['C1', 3]] },
    hours: 7,
    grossFen: 60_00,
    lines: [tierLine('silver', 2), spendLine(2, 258_00), rewardLine('R1', 2), couponLine('C1', 1)],
    feeFen: 0,
  },
  {
    when: 'a Classic member with a 3-hour reward and a coupon leaving after 3 h 50 (the reward covers the rest, the coupon is kept)',
    minutes: h(3, 50),
    with: { tier: 'member', rewards: [['R1', 3]], coupons: [['C1', 2]] },
    hours: 4,
    grossFen: 40_00,
    lines: [tierLine('member', 1), rewardLine('R1', 3)],
    feeFen: 0,
  },
  // Several days.
  { when: 'a visitor leaving after 24 hours', minutes: h(24), with: {}, hours: 24, grossFen: 60_00, lines: [], feeFen: 60_00 },
  { when: 'a visitor leaving after 25 hours', minutes: h(25), with: {}, hours: 25, grossFen: 70_00, lines: [], feeFen: 70_00 },
  {
    when: 'a Gold member who spent ¥400 today leaving after 25 hours',
    minutes: h(25),
    with: { tier: 'gold', spendFen: 400_00 },
    hours: 25,
    grossFen: 70_00,
    lines: [tierLine('gold', 3), spendLine(4, 400_00)],
    feeFen: 60_00,
  },
  { when: 'a visitor leaving after 49 hours', minutes: h(49), with: {}, hours: 49, grossFen: 130_00, lines: [], feeFen: 130_00 },
  {
    when: 'a Platinum member who spent ¥1,000 today with a 2-hour reward and a 4-hour coupon leaving after 49 hours keeps both',
    minutes: h(49),
    with: { tier: 'platinum', spendFen: 1_000_00, rewards: [['R1', 2]], coupons: [['C1', 4]] },
    hours: 49,
    grossFen: 130_00,
    // 41 hours after the tier and spend already cost two days' caps: the reward and the coupon would save nothing, so they are kept.
    lines: [tierLine('platinum', 4), spendLine(4, 1_000_00)],
    feeFen: 120_00,
  },
];

describe('the exit bill: durations × tiers × same-day spend × rewards × coupons', () => {
  it.each(titled(BILLS, (r) => `${r.when}: ${r.hours} h, ${yuan(r.grossFen)} before benefits, ${describeLines(r.lines)}, pays ${yuan(r.feeFen)}`))(
    '%s',
    (_, row) => {
      const benefits = available(row.with);
      const bill = exitBreakdown(row.minutes, TARIFF, benefits);
      expect(bill).toEqual({
        minutes: row.minutes,
        hours: row.hours,
        grossFen: row.grossFen,
        benefits: row.lines,
        coveredHours: sum(row.lines),
        feeFen: row.feeFen,
      });
      expectConsistent(bill, row.minutes, TARIFF, benefits);
    },
  );

  it('uses no tier line for a tier that gives no free hours', () => {
    const bill = exitBreakdown(h(2), TARIFF, { ...available({}), tierCode: 'member', tierFreeHours: 0 });
    expect(bill.benefits).toEqual([]);
    expect(bill.feeFen).toBe(20_00);
  });

  it.each(titled([
    { change: { spendHoursCap: 0 }, why: 'the spend cap is 0 hours' },
    { change: { spendFenPerHour: 0 }, why: 'no amount per hour is set' },
  ], (r) => `uses no spend line when ${r.why}`))('%s', (_, { change }) => {
    const bill = exitBreakdown(h(2), { ...TARIFF, ...change }, available({ spendFen: 1_000_00 }));
    expect(bill.benefits).toEqual([]);
    expect(bill.feeFen).toBe(20_00);
  });

  it('does not change the benefits it was given', () => {
    const benefits = available({ tier: 'silver', spendFen: 258_00, rewards: [['R1', 2], ['R2', 2]], coupons: [['C1', 3], ['C2', 1]] });
    const before = structuredClone(benefits);
    exitBreakdown(h(9), TARIFF, benefits);
    expect(benefits).toEqual(before);
  });
});

describe('the exit bill over every combination of stay and benefits', () => {
  const DURATIONS = [0, 10, 15, 16, 45, 59, 60, 61, 120, 121, h(3), h(4, 20), h(5, 30), h(7), h(10), h(24) - 1, h(24), h(24) + 1, h(25), h(30), h(49)];
  const TIERS: Array<TierCode | null> = [null, 'member', 'silver', 'gold', 'platinum'];
  const SPENDS = [0, 99_99, 100_00, 258_00, 400_00, 2_000_00];
  const REWARDS: Array<Array<[string, number]>> = [[], [['R1', 1]], [['R1', 2], ['R2', 3]], [['R1', 24], ['R2', 24]]];
  const COUPONS: Array<Array<[string, number]>> = [[], [['C1', 2]], [['C1', 5], ['C2', 1]]];
  const grid = DURATIONS.flatMap((minutes) =>
    TIERS.flatMap((tier) => SPENDS.flatMap((spendFen) => REWARDS.flatMap((rewards) => COUPONS.map((coupons) => ({ minutes, with: { tier, spendFen, rewards, coupons } }))))),
  );

  it(`applies benefits in order, each only as far as needed, never charging for covered hours (${DURATIONS.length * TIERS.length * SPENDS.length * REWARDS.length * COUPONS.length} combinations)`, () => {
    expect(grid).toHaveLength(DURATIONS.length * TIERS.length * SPENDS.length * REWARDS.length * COUPONS.length);
    for (const { minutes, with: w } of grid) {
      const benefits = available(w);
      expectConsistent(exitBreakdown(minutes, TARIFF, benefits), minutes, TARIFF, benefits);
    }
  });

  it('never charges a member more than a visitor for the same stay', () => {
    for (const { minutes, with: w } of grid) {
      expect(exitBreakdown(minutes, TARIFF, available(w)).feeFen).toBeLessThanOrEqual(exitBreakdown(minutes, TARIFF, available({})).feeFen);
    }
  });

  it('never charges more for a shorter stay with the same benefits', () => {
    for (const tier of TIERS) {
      for (const spendFen of SPENDS) {
        let previous = 0;
        for (let minutes = 0; minutes <= h(50); minutes += 5) {
          const fee = exitBreakdown(minutes, TARIFF, available({ tier, spendFen, rewards: [['R1', 2]], coupons: [['C1', 3]] })).feeFen;
          expect(fee).toBeGreaterThanOrEqual(previous);
          previous = fee;
        }
      }
    }
  });
});
