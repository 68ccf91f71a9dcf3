import { normalizePlate, type RewardInput } from '@atrium/shared';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { EventBus } from '../platform/events.js';
import type { Vault } from '../platform/vault.js';
import { couponsRepository } from '../repositories/coupons.repository.js';
import { ledgerRepository } from '../repositories/ledger.repository.js';
import { membersRepository } from '../repositories/members.repository.js';
import { rewardsRepository, type RedemptionRow, type RewardRow } from '../repositories/rewards.repository.js';
import type { CouponService } from './coupon.service.js';
import { plateIdOf } from './member.service.js';
import { LoyaltyProblem } from './loyalty-problem.js';

export interface RewardView {
  id: number;
  title: { zh: string; en: string };
  kind: RewardRow['kind'];
  pointsPrice: number;
  stockLeft: number;
  parkingHours: number | null;
  couponTemplateId: number | null;
  tiers: string[];
}

export interface RedemptionView {
  id: number;
  rewardId: number;
  points: number;
  couponCode: string | null;
  parkingHours: number | null;
  plate: string | null;
  createdAt: string;
  balance: number;
}

const view = (r: RewardRow): RewardView => ({
  id: r.id,
  title: { zh: r.title_zh, en: r.title_en },
  kind: r.kind,
  pointsPrice: r.points_price,
  stockLeft: r.stock - r.redeemed_count,
  parkingHours: r.parking_hours,
  couponTemplateId: r.coupon_template_id,
  tiers: JSON.parse(r.tiers_json) as string[],
});

/** The rewards catalogue: gifts, parking hours and vouchers bought with points, all-or-nothing. */
export class RewardService {
  constructor(private readonly deps: { db: Database; clock: Clock; events: EventBus; vault: Vault; coupons: CouponService }) {}

  async create(input: RewardInput): Promise<RewardView> {
    if (input.couponTemplateId !== undefined && !(await couponsRepository.template(this.deps.db, input.couponTemplateId))) {
      throw new LoyaltyProblem('invalid', `couponTemplateId: coupon template ${input.couponTemplateId} does not exist`);
    }
    const id = await rewardsRepository.insert(this.deps.db, {
      title_zh: input.titleZh,
      title_en: input.titleEn,
      kind: input.kind,
      points_price: input.pointsPrice,
      stock: input.stock,
      parking_hours: input.parkingHours ?? null,
      coupon_template_id: input.couponTemplateId ?? null,
      tiers_json: JSON.stringify(input.tiers),
      active: 1,
      created_at: this.deps.clock.now().toISOString(),
    });
    return view((await rewardsRepository.get(this.deps.db, id))!);
  }

  /** The catalogue; for a member, only what their tier may redeem. */
  async list(forTier?: string): Promise<RewardView[]> {
    const all = (await rewardsRepository.list(this.deps.db, true)).map(view);
    return forTier ? all.filter((r) => r.tiers.length === 0 || r.tiers.includes(forTier)) : all;
  }

  async redeem(memberId: number, rewardId: number, opts: { requestId?: string | undefined; plate?: string | undefined; plateId?: string | undefined }): Promise<RedemptionView> {
    const { db, clock, vault, coupons } = this.deps;
    const now = clock.now();
    const { redemption, isNew } = await db.transaction(async (sql) => {
      if (opts.requestId) {
        const earlier = await rewardsRepository.redemptionByRequest(sql, memberId, opts.requestId);
        if (earlier) return { redemption: earlier, isNew: false };
      }
      const member = await membersRepository.findById(sql, memberId);
      if (!member) throw new LoyaltyProblem('not_found', `member ${memberId} does not exist`);
      const reward = await rewardsRepository.get(sql, rewardId);
      if (!reward || reward.active !== 1) throw new LoyaltyProblem('not_found', `reward ${rewardId} is not in the catalogue`);
      const tiers = JSON.parse(reward.tiers_json) as string[];
      if (tiers.length > 0 && !tiers.includes(member.tier_code)) throw new LoyaltyProblem('not_eligible', 'this reward is for other tiers');
      if (member.points_balance < 0) throw new LoyaltyProblem('negative_balance', 'the points balance is below zero after a refund; redemptions resume when it recovers');
      if (member.points_balance < reward.points_price) {
        throw new LoyaltyProblem('insufficient_points', `needs ${reward.points_price} points; the balance is ${member.points_balance}`);
      }

      let plateHash: string | null = null;
      let plateMasked: string | null = null;
      if (reward.kind === 'parking_hours' && (opts.plate || opts.plateId)) {
        // Staff give the plate itself; the kiosk names one of the member's plates by its opaque id.
        const plate = opts.plate
          ? await membersRepository.findPlate(sql, vault.lookupHash('plate', normalizePlate(opts.plate)))
          : (await membersRepository.plates(sql, memberId)).find((p) => plateIdOf(p.plate_hash) === opts.plateId);
        if (!plate || plate.member_id !== memberId) throw new LoyaltyProblem('invalid', 'plate: not one of this member\'s plates');
        plateHash = plate.plate_hash;
        plateMasked = plate.plate_masked;
      }
      if (!(await rewardsRepository.takeStock(sql, rewardId))) throw new LoyaltyProblem('out_of_stock', 'this reward is out of stock');

      let couponCode: string | null = null;
      if (reward.kind === 'voucher' && reward.coupon_template_id !== null) {
        const template = (await couponsRepository.template(sql, reward.coupon_template_id))!;
        couponCode = await coupons.issueWithin(sql, template, memberId, 'reward', now);
      }
      const id = await rewardsRepository.insertRedemption(sql, {
        rewardId,
        memberId,
        requestId: opts.requestId ?? null,
        points: reward.points_price,
        couponCode,
        parkingHours: reward.kind === 'parking_hours' ? reward.parking_hours : null,
        plateHash,
        plateMasked,
        createdAt: now.toISOString(),
      });
      await ledgerRepository.append(sql, {
        memberId,
        delta: -reward.points_price,
        kind: 'redeem',
        rule: `reward:${rewardId}`,
        sourceType: 'reward_redemption',
        sourceId: String(id),
        createdAt: now.toISOString(),
      });
      return { redemption: (await rewardsRepository.redemption(sql, id))!, isNew: true };
    });
    if (isNew) this.deps.events.emit('rewardRedeemed', { memberId, rewardId, points: redemption.points });
    const balance = (await membersRepository.findById(db, memberId))!.points_balance;
    return redemptionView(redemption, balance);
  }

  async redemptions(memberId: number): Promise<Omit<RedemptionView, 'balance'>[]> {
    return (await rewardsRepository.forMember(this.deps.db, memberId)).map((r) => {
      const { balance: _balance, ...rest } = redemptionView(r, 0);
      return rest;
    });
  }
}

const redemptionView = (r: RedemptionRow, balance: number): RedemptionView => ({
  id: r.id,
  rewardId: r.reward_id,
  points: r.points,
  couponCode: r.coupon_code,
  parkingHours: r.parking_hours,
  plate: r.plate_masked,
  createdAt: r.created_at,
  balance,
});
