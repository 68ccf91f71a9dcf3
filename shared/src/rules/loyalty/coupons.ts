/** Coupon rules: who may claim, where a coupon applies, what it takes off, when it is valid. */
export type CouponKind = 'amount_off' | 'percent_off' | 'gift' | 'parking_hours';

export interface CouponTemplateRule {
  kind: CouponKind;
  /** amount_off: fen taken off. */
  valueFen: number | null;
  /** percent_off: 1–100 percent taken off … */
  percent: number | null;
  /** … up to this many fen (null: no cap). */
  capFen: number | null;
  /** parking_hours: free hours. */
  parkingHours: number | null;
  minSpendFen: number;
  /** Empty: every store. */
  storeIds: string[];
  /** Empty: every category. */
  categories: string[];
}

export interface ClaimableTemplate {
  status: 'active' | 'paused';
  totalStock: number;
  claimedCount: number;
  perMemberLimit: number;
  claimStartsAt: string | null;
  claimEndsAt: string | null;
  /** Empty: every tier. */
  targetTiers: string[];
  /** Empty: everyone; otherwise the member needs at least one of these segment tags. */
  targetTags: string[];
  /** Fixed end of validity, if any: a coupon that would be born expired cannot be claimed. */
  validUntil?: string | null;
}

export type ClaimRefusal = 'paused' | 'not_started' | 'ended' | 'out_of_stock' | 'limit_reached' | 'not_eligible';

export function claimRefusal(t: ClaimableTemplate, member: { tier: string; tags: readonly string[]; alreadyClaimed: number }, now: Date): ClaimRefusal | null {
  if (t.status !== 'active') return 'paused';
  if (t.claimStartsAt && now.getTime() < Date.parse(t.claimStartsAt)) return 'not_started';
  if (t.claimEndsAt && now.getTime() >= Date.parse(t.claimEndsAt)) return 'ended';
  if (t.validUntil && now.getTime() >= Date.parse(t.validUntil)) return 'ended';
  if (t.targetTiers.length > 0 && !t.targetTiers.includes(member.tier)) return 'not_eligible';
  if (t.targetTags.length > 0 && !t.targetTags.some((tag) => member.tags.includes(tag))) return 'not_eligible';
  if (member.alreadyClaimed >= t.perMemberLimit) return 'limit_reached';
  if (t.claimedCount >= t.totalStock) return 'out_of_stock';
  return null;
}

export type NotApplicable = { ok: false; reason: string };

/** Whether a coupon can be used on this sale; the reason is said to the cashier. */
export function couponApplies(t: CouponTemplateRule, sale: { storeId: string; category: string; amountFen: number }): { ok: true } | NotApplicable {
  if (t.storeIds.length > 0 && !t.storeIds.includes(sale.storeId)) return { ok: false, reason: 'not valid in this store' };
  if (t.categories.length > 0 && !t.categories.includes(sale.category)) return { ok: false, reason: `only for ${t.categories.join(', ')}` };
  if (sale.amountFen < t.minSpendFen) return { ok: false, reason: `minimum spend ¥${(t.minSpendFen / 100).toFixed(2)} not reached` };
  return { ok: true };
}

/** What the coupon takes off this sale, in fen; never more than the sale. */
export function couponDiscount(t: CouponTemplateRule, amountFen: number): number {
  switch (t.kind) {
    case 'amount_off':
      return Math.min(t.valueFen ?? 0, amountFen);
    case 'percent_off': {
      const off = Math.floor((amountFen * (t.percent ?? 0)) / 100);
      return Math.min(off, t.capFen ?? off, amountFen);
    }
    default:
      return 0;
  }
}

/** Fixed dates, or N days from the claim (to the end of the Nth day after it, by the clock). */
export function couponValidity(
  v: { validFrom: string | null; validUntil: string | null; validDays: number | null },
  claimedAt: Date,
): { validFrom: string; validUntil: string } {
  if (v.validDays !== null && v.validDays > 0) {
    return { validFrom: claimedAt.toISOString(), validUntil: new Date(claimedAt.getTime() + v.validDays * 86_400_000).toISOString() };
  }
  return { validFrom: v.validFrom ?? claimedAt.toISOString(), validUntil: v.validUntil ?? new Date(claimedAt.getTime() + 30 * 86_400_000).toISOString() };
}

export type CouponStatus = 'available' | 'reserved' | 'redeemed' | 'expired';

/** The status a member or a till sees now: a lapsed reservation is available again, a past coupon expired. */
export function couponStatusAt(
  c: { status: 'available' | 'reserved' | 'redeemed'; validFrom: string; validUntil: string; reservedUntil: string | null },
  now: Date,
): CouponStatus | 'not_yet_valid' {
  if (c.status === 'redeemed') return 'redeemed';
  const t = now.getTime();
  if (t >= Date.parse(c.validUntil)) return 'expired';
  if (t < Date.parse(c.validFrom)) return 'not_yet_valid';
  if (c.status === 'reserved' && c.reservedUntil && t < Date.parse(c.reservedUntil)) return 'reserved';
  return 'available';
}
