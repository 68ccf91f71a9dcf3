import { createHash, randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { MemberPassView } from '@atrium/shared';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { EventBus } from '../platform/events.js';
import { memberAccessRepository } from '../repositories/member-access.repository.js';
import { membersRepository } from '../repositories/members.repository.js';
import type { MemberCodeService } from './member-code.service.js';
import { MemberProblem, progressView, type MemberService } from './member.service.js';
import type { OtpService } from './otp.service.js';
import { DomainProblem } from './domain-problem.js';

export const MEMBER_SESSION_DAYS = 180;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export class PassProblem extends DomainProblem<'not_a_member' | 'unauthenticated'> {}

/**
 * The member pass on a phone: log in (or join) with a one-time code; a long-lived
 * session that the member (logout) or staff can revoke; the member's own QR code,
 * coupons, plates, consents and privacy requests.
 */
export class MemberPassService {
  constructor(private readonly deps: { db: Database; clock: Clock; events: EventBus; otp: OtpService; members: MemberService; memberCodes: MemberCodeService }) {}

  /**
   * Returns a session token. A phone that is not a member yet needs `join` (with
   * consent to the privacy notice); without it the code stays valid so the page
   * can ask for consent and call again.
   */
  async login(phone: string, otp: string, join: { consent: true; noticeVersion?: string | undefined; plate?: string | undefined; referralCode?: string | undefined } | undefined): Promise<{ token: string; memberId: number }> {
    const { otp: otps, members, clock } = this.deps;
    const existing = await members.findIdByPhone(phone);
    if (existing === undefined && !join) {
      await otps.verify(phone, otp, false);
      throw new PassProblem('not_a_member', 'this number is not a member yet: accept the privacy notice to join');
    }
    const verified = await otps.verify(phone, otp, true);
    let memberId = existing;
    if (memberId === undefined) {
      const created = await members.register({ phone: verified, plates: join?.plate ? [join.plate] : undefined, referralCode: join?.referralCode, privacyConsentAt: clock.now().toISOString(), noticeVersion: join?.noticeVersion });
      memberId = created.id;
      this.deps.events.emit('memberJoined', { memberId, via: 'pass' });
    }
    const token = randomBytes(32).toString('base64url');
    await memberAccessRepository.insertSession(this.deps.db, { tokenHash: hashToken(token), memberId, at: clock.now().toISOString() });
    return { token, memberId };
  }

  async memberFor(token: string): Promise<number> {
    const session = await memberAccessRepository.sessionMember(this.deps.db, hashToken(token));
    const cutoff = new Date(this.deps.clock.now().getTime() - MEMBER_SESSION_DAYS * 86_400_000).toISOString();
    if (!session || session.last_used_at < cutoff) throw new PassProblem('unauthenticated', 'log in with your phone number');
    await memberAccessRepository.touchSession(this.deps.db, hashToken(token), this.deps.clock.now().toISOString());
    return session.member_id;
  }

  logout(token: string): Promise<void> {
    return memberAccessRepository.revokeSession(this.deps.db, hashToken(token), this.deps.clock.now().toISOString());
  }

  async view(memberId: number): Promise<MemberPassView> {
    const { db, members } = this.deps;
    const wallet = await members.wallet(memberId);
    const row = await membersRepository.findById(db, memberId);
    if (!row) throw new MemberProblem('not_found', 'this account no longer exists');
    const coupons = await Promise.all(
      wallet.coupons
        .filter((c) => c.status === 'available' || c.status === 'reserved')
        .map(async (c) => ({ code: c.code, title: c.title, status: c.status, validUntil: c.validUntil, qrDataUrl: await QRCode.toDataURL(c.code, { margin: 1, width: 240 }) })),
    );
    return {
      member: { id: row.id, name: wallet.member.name, phone: wallet.member.phone, points: row.points_balance, referralCode: row.referral_code, joinedAt: row.created_at },
      tier: { code: wallet.tier.code, name: wallet.tier.name, freeParkingHours: wallet.tier.freeParkingHours },
      progress: progressView(wallet.progress),
      plates: await members.platesWithIds(memberId),
      coupons,
      consents: { privacy: row.privacy_consent_at, marketing: row.marketing_consent === 1 },
      privacyRequests: (await memberAccessRepository.privacyRequests(db, memberId)).map((r) => ({ kind: r.kind, status: r.status, createdAt: r.created_at })),
    };
  }

  async code(memberId: number): Promise<{ code: string; expiresAt: string; qrDataUrl: string }> {
    const issued = this.deps.memberCodes.issue(memberId);
    return { ...issued, qrDataUrl: await QRCode.toDataURL(issued.code, { margin: 1, width: 480, errorCorrectionLevel: 'M' }) };
  }

  async setMarketing(memberId: number, marketing: boolean): Promise<void> {
    await memberAccessRepository.setConsents(this.deps.db, memberId, { marketing });
  }

  async requestPrivacy(memberId: number, kind: 'export' | 'delete'): Promise<{ kind: string; status: string; createdAt: string }> {
    const at = this.deps.clock.now().toISOString();
    await memberAccessRepository.insertPrivacyRequest(this.deps.db, memberId, kind, at);
    return { kind, status: 'received', createdAt: at };
  }
}
