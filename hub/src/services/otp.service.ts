import { createHmac, randomInt } from 'node:crypto';
import { isValidPhone, maskPhone, normalizePhone } from '@atrium/shared';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { SmsSender } from '../platform/sms.js';
import type { Vault } from '../platform/vault.js';
import { memberAccessRepository } from '../repositories/member-access.repository.js';
import { DomainProblem } from './domain-problem.js';

export const OTP_TTL_MINUTES = 5;
export const OTP_MAX_ATTEMPTS = 5;
/** Limits against SMS bombing and guessing: per phone and per origin (kiosk or web address). */
export const OTP_LIMITS = { phoneGapSeconds: 60, phonePerHour: 5, originPerHour: 30 } as const;

export class OtpProblem extends DomainProblem<'invalid_input' | 'rate_limited' | 'wrong_otp'> {}

/** One-time codes by SMS for joining and for logging in to the member pass. */
export class OtpService {
  constructor(private readonly deps: { db: Database; clock: Clock; vault: Vault; sms: SmsSender }) {}

  /** Sends a fresh 6-digit code; `origin` is "kiosk:<id>" or "web:<address>". */
  async request(rawPhone: string, origin: string): Promise<{ phone: string; expiresAt: string }> {
    const { db, clock, vault, sms } = this.deps;
    const phone = this.checkedPhone(rawPhone);
    const phoneHash = vault.lookupHash('phone', phone);
    const now = clock.now();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(now.getTime() + OTP_TTL_MINUTES * 60_000).toISOString();
    const originKey = this.originKey(origin);
    const otpId = await db.transaction(async (sql) => {
      const since = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();
      if ((await memberAccessRepository.otpCountSince(sql, 'phone_hash', phoneHash, since(OTP_LIMITS.phoneGapSeconds))) > 0) {
        throw new OtpProblem('rate_limited', `a code was sent to this number less than ${OTP_LIMITS.phoneGapSeconds} s ago; wait a moment`);
      }
      if ((await memberAccessRepository.otpCountSince(sql, 'phone_hash', phoneHash, since(3600))) >= OTP_LIMITS.phonePerHour) {
        throw new OtpProblem('rate_limited', 'too many codes for this number in the last hour; try again later');
      }
      if ((await memberAccessRepository.otpCountSince(sql, 'origin', originKey, since(3600))) >= OTP_LIMITS.originPerHour) {
        throw new OtpProblem('rate_limited', 'too many codes requested here in the last hour; ask the service desk');
      }
      return memberAccessRepository.insertOtp(sql, { phone_hash: phoneHash, code_hash: this.codeHash(phoneHash, code), origin: originKey, created_at: now.toISOString(), expires_at: expiresAt });
    });
    try {
      await sms.send({ phone, maskedPhone: maskPhone(phone), code, text: `【Atrium】您的验证码是 ${code}，${OTP_TTL_MINUTES} 分钟内有效。Your code: ${code}` });
    } catch (err) {
      // A code that never left does not count against the member's limits.
      await memberAccessRepository.deleteOtp(db, otpId);
      throw err;
    }
    return { phone, expiresAt };
  }

  /**
   * Checks a code. `consume` false leaves it usable (the caller still has to ask
   * the member something, e.g. consent to join); wrong guesses always count, and
   * after OTP_MAX_ATTEMPTS the code is dead.
   */
  async verify(rawPhone: string, code: string, consume: boolean): Promise<string> {
    const { db, clock, vault } = this.deps;
    const phone = this.checkedPhone(rawPhone);
    const phoneHash = vault.lookupHash('phone', phone);
    const now = clock.now().toISOString();
    const wrong = new OtpProblem('wrong_otp', 'the code is wrong or has expired; ask for a new one');
    const otp = await memberAccessRepository.latestOtp(db, phoneHash);
    if (!otp || otp.expires_at <= now || otp.attempts >= OTP_MAX_ATTEMPTS) throw wrong;
    if (otp.code_hash !== this.codeHash(phoneHash, code)) {
      await memberAccessRepository.countAttempt(db, otp.id);
      throw wrong;
    }
    // Two logins racing with the same code: only the first consumption counts.
    if (consume && !(await memberAccessRepository.consumeOtp(db, otp.id, now))) throw wrong;
    return phone;
  }

  private checkedPhone(raw: string): string {
    const phone = normalizePhone(raw);
    if (!isValidPhone(phone)) throw new OtpProblem('invalid_input', 'phone: must be a mainland mobile number of 11 digits');
    return phone;
  }

  private codeHash(phoneHash: string, code: string): string {
    return createHmac('sha256', phoneHash).update(code).digest('base64url');
  }

  private originKey(origin: string): string {
    // Web origins are addresses: keep only a hash, an IP address is personal data too.
    return origin.startsWith('web:') ? `web:${this.deps.vault.lookupHash('phone', origin).slice(0, 16)}` : origin;
  }
}
