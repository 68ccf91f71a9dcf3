import { claimRefusal, mallMoment, type CouponOffer, type MemberHome } from '@atrium/shared';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import { couponsRepository, toClaimable } from '../repositories/coupons.repository.js';
import { membersRepository } from '../repositories/members.repository.js';
import { segmentsRepository } from '../repositories/segments.repository.js';
import { progressView, type MemberService } from './member.service.js';
import type { RewardService } from './reward.service.js';

/** What a member sees at the kiosk: their wallet, the coupons they may claim, the rewards they may redeem. */
export class MemberHomeService {
  constructor(private readonly deps: { db: Database; clock: Clock; members: MemberService; rewards: RewardService; timeZone: string }) {}

  async home(memberId: number): Promise<MemberHome> {
    const { db, clock, members, rewards, timeZone } = this.deps;
    const wallet = await members.wallet(memberId);
    const member = (await membersRepository.findById(db, memberId))!;
    const now = clock.now();
    const tags = await segmentsRepository.tags(db, memberId);
    const couponWall: CouponOffer[] = [];
    for (const t of await couponsRepository.activeTemplates(db)) {
      const alreadyClaimed = await couponsRepository.claimedBy(db, t.id, memberId);
      const refusal = claimRefusal(toClaimable(t), { tier: member.tier_code, tags, alreadyClaimed }, now);
      // The wall shows what this member could have: not other tiers' coupons, nor sold-out or closed ones.
      if (refusal !== null && refusal !== 'limit_reached') continue;
      couponWall.push({
        templateId: t.id,
        title: { zh: t.title_zh, en: t.title_en },
        kind: t.kind,
        valueFen: t.value_fen,
        percent: t.percent,
        parkingHours: t.parking_hours,
        minSpendFen: t.min_spend_fen,
        stockLeft: t.total_stock - t.claimed_count,
        canClaim: refusal === null,
      });
    }
    const catalogue = await rewards.list(member.tier_code);
    const today = mallMoment(now, timeZone).day;
    return {
      member: {
        id: wallet.member.id,
        name: wallet.member.name,
        phone: wallet.member.phone,
        plates: await members.platesWithIds(memberId),
        points: wallet.member.points,
        referralCode: wallet.member.referralCode,
      },
      tier: wallet.tier,
      progress: progressView(wallet.progress),
      checkin: { doneToday: wallet.lastCheckin?.day === today, streak: wallet.lastCheckin?.streak ?? 0 },
      coupons: wallet.coupons
        .filter((c) => c.status === 'available' || c.status === 'reserved')
        .map((c) => ({ code: c.code, templateId: c.templateId, title: c.title, kind: c.kind, status: c.status, validUntil: c.validUntil, discountFen: c.discountFen })),
      couponWall,
      rewards: catalogue.map((r) => ({
        id: r.id,
        title: r.title,
        kind: r.kind,
        pointsPrice: r.pointsPrice,
        stockLeft: r.stockLeft,
        parkingHours: r.parkingHours,
        affordable: member.points_balance >= r.pointsPrice && r.stockLeft > 0,
      })),
      history: wallet.points.slice(0, 10).map((p) => ({ delta: p.delta, kind: p.kind, at: p.at })),
    };
  }
}
