import { z } from 'zod';

/** The member pass (`/m`) API: a member's own account, on their phone (docs/protocol.md, "Member pass API"). */

export const passOtpSchema = z.object({ phone: z.string().min(1).max(32) });

export const passLoginSchema = z.object({
  phone: z.string().min(1).max(32),
  otp: z.string().regex(/^\d{6}$/, 'must be the 6-digit code'),
  /** For a phone that is not a member yet: join with consent to the privacy notice. */
  join: z
    .object({
      consent: z.literal(true, { error: 'the privacy notice must be accepted to join' }),
      noticeVersion: z.string().min(1).max(32).optional(),
      plate: z.string().min(1).max(16).optional(),
      referralCode: z.string().min(1).max(16).optional(),
    })
    .optional(),
});

export const passPlateSchema = z.object({ plate: z.string().min(1).max(16) });

export const passConsentSchema = z.object({ marketing: z.boolean() });

export const passPrivacyRequestSchema = z.object({ kind: z.enum(['export', 'delete']) });

export interface PassPlate {
  /** Opaque id for removing it; not the plate. */
  id: string;
  plate: string;
}

export interface MemberPassView {
  member: { id: number; name: string; phone: string; points: number; referralCode: string | null; joinedAt: string };
  tier: { code: string; name: { zh: string; en: string }; freeParkingHours: number };
  progress: { spend12mFen: number; next?: { code: string; name?: { zh: string; en: string }; remainingFen: number; percent: number } };
  plates: PassPlate[];
  coupons: Array<{ code: string; title: { zh: string; en: string }; status: string; validUntil: string; qrDataUrl: string }>;
  consents: { privacy: string | null; marketing: boolean };
  privacyRequests: Array<{ kind: string; status: string; createdAt: string }>;
}
