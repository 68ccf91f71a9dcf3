import {
  mallMoment,
  monthsBefore,
  purchasePoints,
  tierAfterPurchase,
  type PosTx,
  type PosTxResult,
} from '@atrium/shared';
import type { Database, Sql } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { Announcement, EventBus } from '../platform/events.js';
import { engagementRepository } from '../repositories/engagement.repository.js';
import { layoutRepository } from '../repositories/layout.repository.js';
import { ledgerRepository } from '../repositories/ledger.repository.js';
import { membersRepository, type MemberRow } from '../repositories/members.repository.js';
import { purchasesRepository } from '../repositories/purchases.repository.js';
import { tiersRepository } from '../repositories/tiers.repository.js';
import type { CouponService } from './coupon.service.js';
import type { LoyaltyRulesService } from './loyalty-rules.service.js';
import { memberCodeProblem, type MemberCodeService } from './member-code.service.js';

export interface PurchaseDeps {
  db: Database;
  clock: Clock;
  events: EventBus;
  memberCodes: MemberCodeService;
  rules: LoyaltyRulesService;
  coupons: CouponService;
  timeZone: string;
}

/**
 * A till's purchase, stored once per (storeId, txId). In the same transaction its
 * member earns points by the rules, coupons named on it are captured, the tier is
 * raised if the rolling 12-month spend now reaches a higher one, and a referral
 * is rewarded on the member's first purchase. A repeat gets the first answer
 * again with status "duplicate" and changes nothing.
 */
export class PurchaseService {
  constructor(private readonly deps: PurchaseDeps) {}

  async record(tx: PosTx): Promise<PosTxResult> {
    const { db, clock, memberCodes } = this.deps;
    const rejected = (reason: string): PosTxResult => ({ txId: tx.txId, status: 'rejected', pointsEarned: 0, reason });
    // Verifying the code is pure CPU and judged at arrival; it is acted on only after
    // the duplicate check, so a late redelivery of an accepted sale is still a duplicate.
    const code = tx.memberCode === undefined ? null : memberCodes.check(tx.memberCode);
    const announcements: Announcement[] = [];

    const result = await db.transaction(async (sql): Promise<PosTxResult> => {
      const earlier = await purchasesRepository.findResult(sql, tx.storeId, tx.txId);
      if (earlier) return { ...(JSON.parse(earlier) as PosTxResult), status: 'duplicate' };
      const store = await layoutRepository.store(sql, tx.storeId);
      if (!store) return rejected(`unknown store ${tx.storeId}; register it in the console`);
      if (code && !code.ok) return rejected(memberCodeProblem[code.reason]);
      const member = code?.ok ? await membersRepository.findById(sql, code.memberId) : undefined;
      if (code?.ok && !member) return rejected('memberCode names a member that does not exist');

      const now = clock.now();
      const occurredAt = new Date(tx.occurredAt);
      const category = tx.category ?? store.category;
      const result: PosTxResult = { txId: tx.txId, status: 'accepted', pointsEarned: 0 };
      if (tx.couponCodes?.length) {
        result.coupons = await this.deps.coupons.captureWithin(sql, { storeId: tx.storeId, txId: tx.txId, category, amountFen: tx.amount }, tx.couponCodes, now);
        for (const c of result.coupons) {
          if (c.status === 'redeemed' && member) announcements.push({ event: 'couponRedeemed', payload: { memberId: member.id, code: c.code, storeId: tx.storeId, txId: tx.txId, discountFen: c.discount ?? 0 } });
        }
      }
      if (member) Object.assign(result, await this.creditMember(sql, member, tx, category, occurredAt, now, announcements));

      await purchasesRepository.insert(sql, {
        storeId: tx.storeId,
        txId: tx.txId,
        memberId: member?.id ?? null,
        amountFen: tx.amount,
        category,
        occurredAt: occurredAt.toISOString(),
        receivedAt: now.toISOString(),
        pointsEarned: result.pointsEarned,
        resultJson: JSON.stringify(result),
      });
      announcements.unshift({
        event: 'purchaseAccepted',
        payload: { storeId: tx.storeId, txId: tx.txId, memberId: member?.id ?? null, amountFen: tx.amount, pointsEarned: result.pointsEarned },
      });
      return result;
    });

    // Announced after the commit only: listeners never see a purchase that rolled back.
    this.deps.events.emitAll(announcements);
    return result;
  }

  private async creditMember(
    sql: Sql,
    member: MemberRow,
    tx: PosTx,
    category: string,
    occurredAt: Date,
    now: Date,
    announcements: Announcement[],
  ): Promise<Pick<PosTxResult, 'memberId' | 'pointsEarned' | 'pointsBalance' | 'tier'>> {
    const { rules, timeZone } = this.deps;
    const tier = await rules.tier(sql, member.tier_code);
    const birthdayMonth = member.birthday ? Number(member.birthday.slice(5, 7)) : null;
    const award = purchasePoints(
      { amountFen: tx.amount, category, at: mallMoment(occurredAt, timeZone), tier: { code: tier.code, multiplierPct: tier.multiplier_pct }, birthdayMonth },
      await rules.pointsRules(sql),
    );
    const createdAt = now.toISOString();
    let balance = member.points_balance;
    if (award.points > 0) {
      balance = await ledgerRepository.append(sql, {
        memberId: member.id,
        delta: award.points,
        kind: 'earn',
        rule: award.rule,
        sourceType: 'purchase',
        sourceId: `${tx.storeId}/${tx.txId}`,
        createdAt,
      });
    }

    // Points are earned at the tier held when paying; a higher tier applies from the next purchase.
    const since = monthsBefore(now, 12).toISOString();
    const spend = (await purchasesRepository.spendSince(sql, member.id, since)) + (occurredAt.toISOString() >= since ? tx.amount : 0);
    const newTier = tierAfterPurchase(await rules.tiers(sql), member.tier_code, spend);
    if (newTier.code !== member.tier_code) {
      await tiersRepository.recordChange(sql, { memberId: member.id, from: member.tier_code, to: newTier.code, reason: 'purchase', spendFen: spend, at: createdAt });
      announcements.push({ event: 'tierChanged', payload: { memberId: member.id, from: member.tier_code, to: newTier.code, reason: 'purchase' } });
    }

    // A ¥0 "purchase" (an exchange, a voided sale) is not the first purchase a referral rewards.
    if (member.last_purchase_at === null && tx.amount > 0) balance = await this.rewardReferral(sql, member.id, balance, createdAt);
    await membersRepository.touchVisit(sql, member.id, occurredAt.toISOString(), true);
    return { memberId: member.id, pointsEarned: award.points, pointsBalance: balance, tier: newTier.code };
  }

  /** On an invitee's first purchase both members get the referral points, once. Returns the invitee's balance. */
  private async rewardReferral(sql: Sql, inviteeId: number, balance: number, at: string): Promise<number> {
    const referral = await engagementRepository.referralOf(sql, inviteeId);
    const rule = await this.deps.rules.referralRule(sql);
    if (!referral || referral.rewarded_at || !rule) return balance;
    if (!(await engagementRepository.markReferralRewarded(sql, inviteeId, at))) return balance;
    const entry = { kind: 'referral', rule: 'referral', sourceType: 'referral', sourceId: String(inviteeId), createdAt: at };
    if (rule.referrerPoints > 0) await ledgerRepository.append(sql, { ...entry, memberId: referral.referrer_id, delta: rule.referrerPoints, kind: 'referral_referrer' });
    if (rule.inviteePoints > 0) balance = await ledgerRepository.append(sql, { ...entry, memberId: inviteeId, delta: rule.inviteePoints, kind: 'referral_invitee' });
    return balance;
  }
}
