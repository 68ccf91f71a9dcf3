import { mallMoment, monthsBefore, pointsToExpire, tierAtReview } from '@atrium/shared';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { EventBus } from '../platform/events.js';
import type { Logger } from '../platform/logger.js';
import { couponsRepository } from '../repositories/coupons.repository.js';
import { engagementRepository } from '../repositories/engagement.repository.js';
import { layoutRepository } from '../repositories/layout.repository.js';
import { ledgerRepository } from '../repositories/ledger.repository.js';
import { membersRepository } from '../repositories/members.repository.js';
import { purchasesRepository } from '../repositories/purchases.repository.js';
import { tiersRepository } from '../repositories/tiers.repository.js';
import type { CouponService } from './coupon.service.js';
import type { LoyaltyRulesService } from './loyalty-rules.service.js';
import type { SegmentService } from './segment.service.js';

/** The nightly run starts at this mall hour, when the mall is closed. */
export const NIGHTLY_HOUR = 3;

/**
 * Periodic loyalty work: points expiry, birthday gifts, lapsed coupon holds,
 * segment recomputation (nightly) and the tier review (monthly, on the 1st). Each
 * job records the day or month it last ran, so a restart never runs it twice and a
 * hub that was down catches up at the next tick.
 */
export class LoyaltyJobsService {
  constructor(
    private readonly deps: { db: Database; clock: Clock; events: EventBus; logger: Logger; rules: LoyaltyRulesService; coupons: CouponService; segments: SegmentService; timeZone: string },
  ) {}

  /** Called every minute by the hub's timer. */
  async tick(): Promise<void> {
    const { db, clock, timeZone } = this.deps;
    await this.deps.coupons.releaseLapsed();
    const now = mallMoment(clock.now(), timeZone);
    if (now.minute < NIGHTLY_HOUR * 60) return;
    if ((await layoutRepository.setting(db, 'jobs.nightly.last_day')) !== now.day) {
      await this.runNightly();
      await layoutRepository.putSetting(db, 'jobs.nightly.last_day', now.day);
    }
    // The review belongs to the start of a month; a hub that was down on the 1st catches up later that month.
    await this.reviewTiers();
  }

  async runNightly(): Promise<{ expired: number; birthdays: number; segments: number }> {
    const expired = await this.expirePoints();
    const birthdays = await this.grantBirthdayGifts();
    const { members } = await this.deps.segments.recomputeAll();
    this.deps.logger.info({ expired, birthdays, segments: members }, 'nightly loyalty run');
    return { expired, birthdays, segments: members };
  }

  /** Writes an `expire` entry per member for points older than the expiry age (oldest first); never edits old entries. */
  async expirePoints(): Promise<number> {
    const { db, clock, rules } = this.deps;
    const now = clock.now();
    const cutoff = monthsBefore(now, await rules.expiryMonths());
    let total = 0;
    for (const memberId of await ledgerRepository.expiryCandidates(db, cutoff.toISOString())) {
      total += await db.transaction(async (sql) => {
        const amount = pointsToExpire(await ledgerRepository.movements(sql, memberId), cutoff);
        if (amount <= 0) return 0;
        await ledgerRepository.append(sql, {
          memberId,
          delta: -amount,
          kind: 'expire',
          rule: `expiry:earned-before-${cutoff.toISOString().slice(0, 10)}`,
          sourceType: 'expiry',
          sourceId: `${memberId}/${now.toISOString()}`,
          createdAt: now.toISOString(),
        });
        return amount;
      });
    }
    return total;
  }

  /** Birthday-month members get their tier's birthday points (and gift coupon), once a year. */
  async grantBirthdayGifts(): Promise<number> {
    const { db, clock, timeZone, coupons } = this.deps;
    const now = clock.now();
    const { month, year } = mallMoment(now, timeZone);
    const candidates = await db.all<{ id: number }>(
      `SELECT m.id FROM members m WHERE CAST(substr(m.birthday, 6, 2) AS INTEGER) = ?
       AND NOT EXISTS (SELECT 1 FROM birthday_gifts g WHERE g.member_id = m.id AND g.year = ?)`,
      [month, year],
    );
    let granted = 0;
    for (const { id } of candidates) {
      const done = await db.transaction(async (sql) => {
        const member = await membersRepository.findById(sql, id);
        if (!member) return false;
        const tier = await this.deps.rules.tier(sql, member.tier_code);
        let couponCode: string | null = null;
        if (tier.birthday_gift_template_id !== null) {
          const template = await couponsRepository.template(sql, tier.birthday_gift_template_id);
          if (template && template.claimed_count < template.total_stock) couponCode = await coupons.issueWithin(sql, template, id, 'birthday', now);
        }
        if (!(await engagementRepository.insertBirthdayGift(sql, { memberId: id, year, points: tier.birthday_points, couponCode, at: now.toISOString() }))) return false;
        if (tier.birthday_points > 0) {
          await ledgerRepository.append(sql, { memberId: id, delta: tier.birthday_points, kind: 'birthday', rule: `birthday:${tier.code}`, sourceType: 'birthday', sourceId: `${id}/${year}`, createdAt: now.toISOString() });
        }
        return true;
      });
      if (done) granted++;
    }
    return granted;
  }

  /**
   * The periodic review: tiers follow the rolling 12-month spend up fully, down one
   * step at a time. Once per calendar month (mall time), however often it is asked
   * for, so a second run can never step a member down twice.
   */
  async reviewTiers(): Promise<{ upgraded: number; downgraded: number; skipped?: true }> {
    const { db, clock, rules, events, timeZone } = this.deps;
    const now = clock.now();
    const month = mallMoment(now, timeZone).day.slice(0, 7);
    if ((await layoutRepository.setting(db, 'jobs.tier_review.last_month')) === month) return { upgraded: 0, downgraded: 0, skipped: true };
    const since = monthsBefore(now, 12).toISOString();
    const tiers = await rules.tiers();
    const rank = new Map(tiers.map((t) => [t.code, t.rank]));
    const spends = new Map(
      (
        await db.all<{ member_id: number; spend: number }>(
          'SELECT member_id, SUM(amount_fen - refunded_fen) AS spend FROM purchases WHERE member_id IS NOT NULL AND occurred_at >= ? GROUP BY member_id',
          [since],
        )
      ).map((r) => [r.member_id, r.spend]),
    );
    const members = await db.all<{ id: number; tier_code: string }>('SELECT id, tier_code FROM members');
    let upgraded = 0;
    let downgraded = 0;
    const changes: Array<{ memberId: number; from: string; to: string; spend: number }> = [];
    for (const m of members) {
      const spend = spends.get(m.id) ?? 0;
      const next = tierAtReview(tiers, m.tier_code, spend);
      if (next.code === m.tier_code) continue;
      changes.push({ memberId: m.id, from: m.tier_code, to: next.code, spend });
      if ((rank.get(next.code) ?? 0) > (rank.get(m.tier_code) ?? 0)) upgraded++;
      else downgraded++;
    }
    const applied: typeof changes = [];
    for (let i = 0; i < changes.length; i += 200) {
      await db.transaction(async (sql) => {
        for (const c of changes.slice(i, i + 200)) {
          // Re-read inside the transaction: a purchase may have moved the member since the scan.
          const member = await membersRepository.findById(sql, c.memberId);
          if (!member) continue;
          const spend = await purchasesRepository.spendSince(sql, c.memberId, since);
          const next = tierAtReview(tiers, member.tier_code, spend);
          if (next.code === member.tier_code) continue;
          await tiersRepository.recordChange(sql, { memberId: c.memberId, from: member.tier_code, to: next.code, reason: 'review', spendFen: spend, at: now.toISOString() });
          applied.push({ memberId: c.memberId, from: member.tier_code, to: next.code, spend });
        }
      });
    }
    await layoutRepository.putSetting(db, 'jobs.tier_review.last_month', month);
    for (const c of applied) events.emit('tierChanged', { memberId: c.memberId, from: c.from, to: c.to, reason: 'review' });
    this.deps.logger.info({ upgraded, downgraded }, 'tier review');
    return { upgraded, downgraded };
  }
}
