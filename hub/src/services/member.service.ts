import { isValidPhone, maskName, maskPhone, maskPlate, monthsBefore, normalizePhone, normalizePlate, tierProgress, type TierProgress } from '@atrium/shared';
import type { Database, Sql } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { Vault } from '../platform/vault.js';
import { engagementRepository } from '../repositories/engagement.repository.js';
import { ledgerRepository } from '../repositories/ledger.repository.js';
import { memberAccessRepository } from '../repositories/member-access.repository.js';
import { membersRepository, type MemberRow } from '../repositories/members.repository.js';
import { purchasesRepository } from '../repositories/purchases.repository.js';
import { tiersRepository } from '../repositories/tiers.repository.js';
import { newCouponCode, type CouponService, type CouponView } from './coupon.service.js';
import type { LoyaltyRulesService } from './loyalty-rules.service.js';
import type { MemberCodeService } from './member-code.service.js';
import type { RewardService } from './reward.service.js';
import { DomainProblem } from './domain-problem.js';

/** What the API shows of a member: personal data masked, never in clear. */
export interface MemberView {
  id: number;
  phone: string;
  name: string;
  birthday: string | null;
  tier: string;
  points: number;
  plates: string[];
  referralCode: string | null;
  createdAt: string;
}

export interface WalletView {
  member: MemberView;
  tier: { code: string; name: { zh: string; en: string }; multiplierPct: number; freeParkingHours: number };
  progress: TierProgress & { nextName?: { zh: string; en: string } };
  coupons: CouponView[];
  points: Array<{ delta: number; balanceAfter: number; kind: string; rule: string; at: string }>;
  redemptions: Awaited<ReturnType<RewardService['redemptions']>>;
  lastCheckin: { day: string; streak: number } | null;
}

export class MemberProblem extends DomainProblem<'invalid' | 'conflict' | 'not_found'> {}

/** Invite codes are short enough to read out (8 characters, ~40 bits); a clash draws again. */
export async function uniqueInviteCode(sql: Sql): Promise<string> {
  for (;;) {
    const code = newCouponCode().slice(0, 8);
    if (!(await membersRepository.findByReferralCode(sql, code))) return code;
  }
}

/** Tier progress as members see it: the next tier's name inside `next`. */
export function progressView(p: WalletView['progress']) {
  const { nextName, next, spend12mFen } = p;
  return { spend12mFen, ...(next ? { next: { ...next, ...(nextName ? { name: nextName } : {}) } } : {}) };
}

export const plateIdOf = (plateHash: string) => plateHash.slice(0, 16);

/** A plausible mainland/new-energy plate after normalisation: province character, letter, 5–6 letters/digits. */
const PLATE = /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/;

export class MemberService {
  constructor(
    private readonly deps: { db: Database; clock: Clock; vault: Vault; memberCodes: MemberCodeService; rules: LoyaltyRulesService; coupons: CouponService; rewards: RewardService },
  ) {}

  async register(input: {
    phone: string;
    name?: string | undefined;
    birthday?: string | undefined;
    plates?: string[] | undefined;
    referralCode?: string | undefined;
    /** When the member accepted the privacy notice (kiosk and pass joins); staff registrations record it elsewhere. */
    privacyConsentAt?: string | undefined;
    noticeVersion?: string | undefined;
  }): Promise<MemberView> {
    const { db, clock, vault } = this.deps;
    const phone = normalizePhone(input.phone);
    if (!isValidPhone(phone)) throw new MemberProblem('invalid', 'phone: must be a mainland mobile number of 11 digits, e.g. 13812345678');
    const plates = (input.plates ?? []).map((p) => this.checkedPlate(p));
    const id = await db.transaction(async (sql) => {
      const phoneHash = vault.lookupHash('phone', phone);
      if (await membersRepository.findByPhoneHash(sql, phoneHash)) throw new MemberProblem('conflict', 'phone: a member with this phone number already exists');
      const base = await tiersRepository.base(sql);
      const memberId = await membersRepository.insert(sql, {
        phoneHash,
        phoneEnc: vault.encrypt(phone),
        phoneMasked: maskPhone(phone),
        nameEnc: input.name ? vault.encrypt(input.name) : null,
        nameMasked: input.name ? maskName(input.name) : null,
        birthday: input.birthday ?? null,
        tierCode: base?.code ?? 'member',
        createdAt: clock.now().toISOString(),
      });
      for (const plate of plates) await this.attachPlate(sql, memberId, plate);
      if (input.privacyConsentAt) await memberAccessRepository.setConsents(sql, memberId, { privacyAt: input.privacyConsentAt, noticeVersion: input.noticeVersion ?? null });
      await membersRepository.setReferralCode(sql, memberId, await uniqueInviteCode(sql));
      if (input.referralCode) {
        const referrer = await membersRepository.findByReferralCode(sql, input.referralCode.trim().toUpperCase());
        if (!referrer) throw new MemberProblem('invalid', 'referralCode: no member has this invite code');
        await membersRepository.setReferredBy(sql, memberId, referrer.id);
        await engagementRepository.insertReferral(sql, memberId, referrer.id, clock.now().toISOString());
      }
      return memberId;
    });
    return this.view(id);
  }

  async addPlate(memberId: number, rawPlate: string): Promise<MemberView> {
    const plate = this.checkedPlate(rawPlate);
    await this.deps.db.transaction(async (sql) => {
      if (!(await membersRepository.findById(sql, memberId))) throw new MemberProblem('not_found', `member ${memberId} does not exist`);
      await this.attachPlate(sql, memberId, plate);
    });
    return this.view(memberId);
  }

  /** Removes one of the member's plates by its opaque id (a prefix of its keyed hash, never the plate). */
  async removePlate(memberId: number, plateId: string): Promise<void> {
    const plate = (await membersRepository.plates(this.deps.db, memberId)).find((p) => plateIdOf(p.plate_hash) === plateId);
    if (!plate) throw new MemberProblem('not_found', 'no such plate on this account');
    await membersRepository.removePlate(this.deps.db, plate.plate_hash, memberId);
  }

  async platesWithIds(memberId: number): Promise<Array<{ id: string; plate: string }>> {
    return (await membersRepository.plates(this.deps.db, memberId)).map((p) => ({ id: plateIdOf(p.plate_hash), plate: p.plate_masked }));
  }

  async findIdByPhone(rawPhone: string): Promise<number | undefined> {
    return (await membersRepository.findByPhoneHash(this.deps.db, this.deps.vault.lookupHash('phone', normalizePhone(rawPhone))))?.id;
  }

  async view(memberId: number): Promise<MemberView> {
    const member = await membersRepository.findById(this.deps.db, memberId);
    if (!member) throw new MemberProblem('not_found', `member ${memberId} does not exist`);
    return this.toView(member);
  }

  async pass(memberId: number): Promise<{ code: string; expiresAt: string }> {
    if (!(await membersRepository.findById(this.deps.db, memberId))) throw new MemberProblem('not_found', `member ${memberId} does not exist`);
    return this.deps.memberCodes.issue(memberId);
  }

  /** Everything a member sees of their own account: tier and progress, coupons, points history, rewards. */
  async wallet(memberId: number): Promise<WalletView> {
    const { db, clock, rules, coupons, rewards } = this.deps;
    const member = await membersRepository.findById(db, memberId);
    if (!member) throw new MemberProblem('not_found', `member ${memberId} does not exist`);
    const tierRows = await rules.tierRows();
    const tier = tierRows.find((t) => t.code === member.tier_code) ?? tierRows[0]!;
    const spend = await purchasesRepository.spendSince(db, memberId, monthsBefore(clock.now(), 12).toISOString());
    const progress = tierProgress(await rules.tiers(), member.tier_code, spend);
    const next = progress.next ? tierRows.find((t) => t.code === progress.next!.code) : undefined;
    const last = await engagementRepository.lastCheckin(db, memberId);
    return {
      member: await this.toView(member),
      tier: { code: tier.code, name: { zh: tier.name_zh, en: tier.name_en }, multiplierPct: tier.multiplier_pct, freeParkingHours: tier.free_parking_hours },
      progress: next ? { ...progress, nextName: { zh: next.name_zh, en: next.name_en } } : progress,
      coupons: await coupons.walletCoupons(memberId),
      points: (await ledgerRepository.forMember(db, memberId, 50)).map((e) => ({ delta: e.delta, balanceAfter: e.balance_after, kind: e.kind, rule: e.rule, at: e.created_at })),
      redemptions: await rewards.redemptions(memberId),
      lastCheckin: last ? { day: last.mall_day, streak: last.streak } : null,
    };
  }

  private async toView(member: MemberRow): Promise<MemberView> {
    const plates = await membersRepository.plates(this.deps.db, member.id);
    return {
      id: member.id,
      phone: member.phone_masked,
      name: member.name_masked ?? '',
      birthday: member.birthday,
      tier: member.tier_code,
      points: member.points_balance,
      plates: plates.map((p) => p.plate_masked),
      referralCode: member.referral_code,
      createdAt: member.created_at,
    };
  }

  private checkedPlate(raw: string): string {
    const plate = normalizePlate(raw);
    if (!PLATE.test(plate)) throw new MemberProblem('invalid', 'plate: must be a Chinese plate such as 浙C12345 or 粤BD12345');
    return plate;
  }

  private async attachPlate(sql: Sql, memberId: number, plate: string): Promise<void> {
    const hash = this.deps.vault.lookupHash('plate', plate);
    const owner = await membersRepository.findPlate(sql, hash);
    if (owner?.member_id === memberId) return;
    if (owner) throw new MemberProblem('conflict', 'plate: this plate is registered to another member');
    await membersRepository.addPlate(sql, {
      hash,
      memberId,
      enc: this.deps.vault.encrypt(plate),
      masked: maskPlate(plate),
      createdAt: this.deps.clock.now().toISOString(),
    });
  }
}
