import { z } from 'zod';

/** Request bodies of the loyalty API (docs/loyalty.md, docs/protocol.md "HTTP API"). */

const fen = z.number().int('must be an integer number of fen').nonnegative('must not be negative');
const isoTime = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with offset' });
const slugs = z.array(z.string().min(1).max(64)).max(100);

export const updateTierSchema = z.object({
  nameZh: z.string().min(1).max(32),
  nameEn: z.string().min(1).max(32),
  thresholdFen: fen,
  multiplierPct: z.number().int().min(0).max(1000, 'must be at most 1000 (10×)'),
  freeParkingHours: z.number().int().min(0).max(24),
  birthdayPoints: z.number().int().min(0).max(1_000_000),
  birthdayGiftTemplateId: z.number().int().positive().nullable(),
});
export type UpdateTier = z.infer<typeof updateTierSchema>;

const weekday = z.number().int().min(1).max(7);
const minute = z.number().int().min(0).max(1440);
const multiplierPct = z.number().int().min(100, 'a bonus multiplier is at least 100 (1×)').max(1000);

export const pointsRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('category'), categories: z.array(z.string().min(1).max(32)).min(1), multiplierPct }),
  z.object({ kind: z.literal('time_window'), weekdays: z.array(weekday).min(1).max(7), startMinute: minute, endMinute: minute, multiplierPct }),
  z.object({ kind: z.literal('birthday_month'), multiplierPct }),
  z.object({ kind: z.literal('checkin'), points: z.number().int().min(0).max(10_000), streakDays: z.number().int().min(0).max(365), streakBonus: z.number().int().min(0).max(100_000) }),
  z.object({ kind: z.literal('referral'), referrerPoints: z.number().int().min(0).max(100_000), inviteePoints: z.number().int().min(0).max(100_000) }),
]);

export const putPointsRuleSchema = z.object({
  nameZh: z.string().min(1).max(64),
  nameEn: z.string().min(1).max(64),
  active: z.boolean(),
  params: pointsRuleSchema,
});
export type PutPointsRule = z.infer<typeof putPointsRuleSchema>;

export const couponTemplateSchema = z
  .object({
    titleZh: z.string().min(1).max(64),
    titleEn: z.string().min(1).max(64),
    kind: z.enum(['amount_off', 'percent_off', 'gift', 'parking_hours']),
    valueFen: fen.optional(),
    percent: z.number().int().min(1).max(100).optional(),
    capFen: fen.optional(),
    parkingHours: z.number().int().min(1).max(24).optional(),
    minSpendFen: fen.default(0),
    storeIds: slugs.default([]),
    categories: slugs.default([]),
    totalStock: z.number().int().min(0).max(10_000_000),
    perMemberLimit: z.number().int().min(1).max(100).default(1),
    claimStartsAt: isoTime.optional(),
    claimEndsAt: isoTime.optional(),
    validFrom: isoTime.optional(),
    validUntil: isoTime.optional(),
    validDays: z.number().int().min(1).max(3650).optional(),
    targetTiers: slugs.default([]),
    targetTags: slugs.default([]),
  })
  .superRefine((t, ctx) => {
    const need = (field: 'valueFen' | 'percent' | 'parkingHours', why: string) => {
      if (t[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: why });
    };
    if (t.kind === 'amount_off') need('valueFen', `is required for an amount_off coupon`);
    if (t.kind === 'percent_off') need('percent', `is required for a percent_off coupon`);
    if (t.kind === 'parking_hours') need('parkingHours', `is required for a parking_hours coupon`);
    if (t.validDays === undefined && t.validUntil === undefined) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'give validUntil (fixed dates) or validDays (days after claim)' });
    }
    if (t.validFrom && t.validUntil && Date.parse(t.validFrom) >= Date.parse(t.validUntil)) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'must be after validFrom' });
    }
    if (t.claimStartsAt && t.claimEndsAt && Date.parse(t.claimStartsAt) >= Date.parse(t.claimEndsAt)) {
      ctx.addIssue({ code: 'custom', path: ['claimEndsAt'], message: 'must be after claimStartsAt' });
    }
  });
export type CouponTemplateInput = z.infer<typeof couponTemplateSchema>;

export const claimCouponSchema = z.object({ templateId: z.number().int().positive() });

export const rewardSchema = z
  .object({
    titleZh: z.string().min(1).max(64),
    titleEn: z.string().min(1).max(64),
    kind: z.enum(['gift', 'parking_hours', 'voucher']),
    pointsPrice: z.number().int().positive('must be more than 0'),
    stock: z.number().int().min(0).max(10_000_000),
    parkingHours: z.number().int().min(1).max(24).optional(),
    couponTemplateId: z.number().int().positive().optional(),
    tiers: slugs.default([]),
  })
  .superRefine((r, ctx) => {
    if (r.kind === 'parking_hours' && r.parkingHours === undefined) ctx.addIssue({ code: 'custom', path: ['parkingHours'], message: 'is required for a parking_hours reward' });
    if (r.kind === 'voucher' && r.couponTemplateId === undefined) ctx.addIssue({ code: 'custom', path: ['couponTemplateId'], message: 'is required for a voucher reward' });
  });
export type RewardInput = z.infer<typeof rewardSchema>;

export const redeemRewardSchema = z.object({
  /** Makes a retried redemption (e.g. a kiosk that lost its connection) a no-op. */
  requestId: z.string().min(1).max(64).optional(),
  plate: z.string().min(1).max(16).optional(),
});
