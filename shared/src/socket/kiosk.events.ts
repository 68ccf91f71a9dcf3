import { z } from 'zod';
import type { Ack } from '../ack.js';
import type { Localized } from './screen.events.js';

/**
 * The `/kiosk` Socket.IO namespace (docs/protocol.md, "Kiosk calls"). A kiosk
 * authenticates with `{deviceId, token}`. Every call is acknowledged with the one
 * ack shape; calls that change something carry a `requestId`, so a call retried
 * after a dropped connection is answered from the first result and never done twice.
 */

export const requestId = z.string().min(8, 'requestId: at least 8 characters').max(64);

export const kioskSchemas = {
  'session:open': z.object({ code: z.string().min(1).max(256) }),
  'session:close': z.object({}),
  'member:home': z.object({}),
  'checkin:create': z.object({ requestId }),
  'coupon:claim': z.object({ requestId, templateId: z.number().int().positive() }),
  'reward:redeem': z.object({ requestId, rewardId: z.number().int().positive(), plateId: z.string().min(1).max(32).optional() }),
  'link:create': z.object({}),
  'join:request-code': z.object({ phone: z.string().min(1).max(32) }),
  'join:complete': z.object({
    requestId,
    phone: z.string().min(1).max(32),
    otp: z.string().regex(/^\d{6}$/, 'otp: 6 digits'),
    consent: z.literal(true, { error: 'consent: the privacy notice must be accepted to join' }),
    /** Which text of the privacy notice the person accepted. */
    noticeVersion: z.string().min(1).max(32).optional(),
    plate: z.string().min(1).max(16).optional(),
  }),
  'feedback:submit': z.object({ requestId, score: z.number().int().min(0).max(10), comment: z.string().max(500).optional() }),
  'car:find': z.object({}),
} as const;

export type KioskCall = keyof typeof kioskSchemas;
export type KioskArgs<K extends KioskCall> = z.infer<(typeof kioskSchemas)[K]>;

export interface CouponCard {
  code: string;
  templateId: number;
  title: Localized;
  kind: string;
  status: string;
  validUntil: string;
  discountFen: number | null;
}

export interface CouponOffer {
  templateId: number;
  title: Localized;
  kind: string;
  valueFen: number | null;
  percent: number | null;
  parkingHours: number | null;
  minSpendFen: number;
  stockLeft: number;
  /** False when this member already holds as many as allowed. */
  canClaim: boolean;
}

export interface RewardCard {
  id: number;
  title: Localized;
  kind: 'gift' | 'parking_hours' | 'voucher';
  pointsPrice: number;
  stockLeft: number;
  parkingHours: number | null;
  affordable: boolean;
}

/** Everything the kiosk's member home shows; personal data only masked. */
export interface MemberHome {
  /** Plates are shown masked; `id` is opaque (never the plate) and names one for a parking reward. */
  member: { id: number; name: string; phone: string; plates: Array<{ id: string; plate: string }>; points: number; referralCode: string | null };
  tier: { code: string; name: Localized; freeParkingHours: number; multiplierPct: number };
  progress: { spend12mFen: number; next?: { code: string; name?: Localized; remainingFen: number; percent: number } };
  checkin: { doneToday: boolean; streak: number };
  coupons: CouponCard[];
  couponWall: CouponOffer[];
  rewards: RewardCard[];
  history: Array<{ delta: number; kind: string; at: string }>;
}

export interface ParkedCar {
  /** Masked. */
  plate: string;
  gate: string;
  zone: string | null;
  zoneName: string | null;
  enteredAt: string;
}

export interface CheckinAnswer {
  isNew: boolean;
  streak: number;
  points: number;
  bonus: number;
  balance: number;
}

export interface RedemptionAnswer {
  rewardId: number;
  points: number;
  couponCode: string | null;
  parkingHours: number | null;
  plate: string | null;
  balance: number;
}

export interface LinkCode {
  /** What the phone opens: `${baseUrl}/m/link?code=…`. */
  url: string;
  qrDataUrl: string;
  expiresAt: string;
}

type Call<K extends KioskCall, R> = (args: KioskArgs<K>, ack: (answer: Ack<R>) => void) => void;

/** Kiosk → hub calls, each acknowledged. */
export interface KioskClientEvents {
  'session:open': Call<'session:open', MemberHome>;
  'session:close': Call<'session:close', { closed: true }>;
  'member:home': Call<'member:home', MemberHome>;
  'checkin:create': Call<'checkin:create', CheckinAnswer>;
  'coupon:claim': Call<'coupon:claim', CouponCard>;
  'reward:redeem': Call<'reward:redeem', RedemptionAnswer>;
  'link:create': Call<'link:create', LinkCode>;
  'join:request-code': Call<'join:request-code', { sent: true; expiresAt: string }>;
  'join:complete': Call<'join:complete', MemberHome>;
  'feedback:submit': Call<'feedback:submit', { thanks: true; ticketId: number | null }>;
  /** Find my car: the member's cars parked now, with where and when they came in. */
  'car:find': Call<'car:find', { cars: ParkedCar[]; timeZone: string }>;
}

/** Hub → kiosk pushes. */
export interface KioskServerEvents {
  /** A member confirmed on their phone: the kiosk opens their home. */
  'session:opened': (home: MemberHome) => void;
  /** The hub ended the session (e.g. it expired on the server side). */
  'session:closed': (info: { reason: 'expired' | 'replaced' }) => void;
}

/**
 * Error codes a kiosk call can answer with; the kiosk shows a friendly message
 * for each (zh/en) and never the raw text.
 */
export type KioskErrorCode =
  | 'invalid_input'
  | 'invalid_code'
  | 'expired_code'
  | 'no_session'
  | 'not_found'
  | 'insufficient_points'
  | 'negative_balance'
  | 'out_of_stock'
  | 'limit_reached'
  | 'not_eligible'
  | 'paused'
  | 'ended'
  | 'not_started'
  | 'rate_limited'
  | 'wrong_otp'
  | 'already_member'
  | 'internal';
