import { z } from 'zod';

/**
 * Device ↔ hub payloads (DESIGN §2, docs/protocol.md). Types are inferred from
 * these schemas so the hub, the simulator and the tests share one definition.
 */

const id = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .min(1, `${what} must not be empty`)
    .max(64, `${what} must be at most 64 characters`);

/** Integer amounts in fen. Floats are refused rather than rounded: money is never guessed. */
const fen = (what: string) =>
  z
    .number({ error: `${what} must be a number (integer fen)` })
    .int(`${what} must be an integer number of fen`)
    .nonnegative(`${what} must not be negative`)
    .max(100_000_000_00, `${what} is implausibly large`);

const isoTime = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with offset' });

export const txItemSchema = z.object({
  sku: id('sku'),
  name: z.string().max(200),
  qty: z.number().int().positive(),
  amount: fen('item amount'),
  category: z.string().max(32).optional(),
});

export const posTxSchema = z.object({
  txId: id('txId'),
  storeId: id('storeId'),
  occurredAt: isoTime,
  amount: fen('amount'),
  currency: z.literal('CNY', { error: 'currency must be "CNY"' }),
  category: z.string().max(32).optional(),
  memberCode: z.string().min(1).max(256).optional(),
  couponCodes: z.array(z.string().min(1).max(64)).max(20).optional(),
  items: z.array(txItemSchema).max(500).optional(),
});
export type PosTx = z.infer<typeof posTxSchema>;

export const txStatus = z.enum(['accepted', 'duplicate', 'rejected']);

export const posTxResultSchema = z.object({
  txId: z.string(),
  status: txStatus,
  memberId: z.number().int().optional(),
  pointsEarned: z.number().int(),
  pointsBalance: z.number().int().optional(),
  tier: z.string().optional(),
  coupons: z
    .array(z.object({ code: z.string(), status: z.string(), discount: z.number().int().optional() }))
    .optional(),
  reason: z.string().optional(),
});
export type PosTxResult = z.infer<typeof posTxResultSchema>;

export const gateEventSchema = z.object({
  eventId: id('eventId'),
  gateId: id('gateId'),
  direction: z.enum(['in', 'out'], { error: 'direction must be "in" or "out"' }),
  plate: z.string().min(2, 'plate is too short').max(16, 'plate is too long'),
  confidence: z.number().min(0, 'confidence must be between 0 and 1').max(1, 'confidence must be between 0 and 1'),
  occurredAt: isoTime,
});
export type GateEvent = z.infer<typeof gateEventSchema>;

export const gateCommandSchema = z.object({
  eventId: z.string(),
  open: z.boolean(),
  fee: z.number().int().nonnegative(),
  lines: z.array(z.string()).max(4),
});
export type GateCommand = z.infer<typeof gateCommandSchema>;

export const deviceStatusSchema = z.object({
  state: z.enum(['online', 'offline']),
  at: isoTime,
});
export type DeviceStatus = z.infer<typeof deviceStatusSchema>;

export const posRefundSchema = z.object({
  refundId: id('refundId'),
  txId: id('txId'),
  amount: fen('amount').refine((v) => v > 0, 'amount must be more than 0'),
  occurredAt: isoTime,
});
export type PosRefund = z.infer<typeof posRefundSchema>;

export const posRefundResultSchema = z.object({
  refundId: z.string(),
  status: txStatus,
  pointsReversed: z.number().int(),
  reason: z.string().optional(),
});
export type PosRefundResult = z.infer<typeof posRefundResultSchema>;

export const couponReserveSchema = z.object({
  requestId: id('requestId'),
  code: z.string({ error: 'code must be a string' }).min(1, 'code must not be empty').max(64, 'code must be at most 64 characters'),
  txId: id('txId'),
  amount: fen('amount'),
});
export type CouponReserve = z.infer<typeof couponReserveSchema>;

export const couponReserveStatus = z.enum(['reserved', 'invalid', 'expired', 'used', 'not_applicable']);
export type CouponReserveStatus = z.infer<typeof couponReserveStatus>;

export const couponReserveResultSchema = z.object({
  requestId: z.string(),
  code: z.string(),
  status: couponReserveStatus,
  discount: z.number().int().optional(),
  /** When the hold lapses if no purchase captures it (extension of the v1 contract). */
  reservedUntil: z.string().optional(),
  reason: z.string().optional(),
});
export type CouponReserveResult = z.infer<typeof couponReserveResultSchema>;

/** A pay station or the payment page confirms that a car's exit fee was paid. */
export const parkingPaidSchema = z.object({
  eventId: id('eventId'),
  plate: z.string().min(2, 'plate is too short').max(16, 'plate is too long'),
  amount: fen('amount'),
  paymentRef: id('paymentRef'),
});
export type ParkingPaid = z.infer<typeof parkingPaidSchema>;
