import { z } from 'zod';

/** HTTP request bodies of the integration API (docs/protocol.md, "HTTP API"). */

const deviceId = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, "_", "." or "-" (it becomes part of MQTT topics)');

export const loginSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const createMemberSchema = z.object({
  phone: z.string().min(1, 'is required').max(32),
  name: z.string().min(1).max(64).optional(),
  birthday: z.iso.date('must be a date like 1990-05-17').optional(),
  plates: z.array(z.string().min(1).max(16)).max(5, 'at most 5 plates per member').optional(),
  /** The invite code of the member who referred this one. */
  referralCode: z.string().min(1).max(16).optional(),
});
export type CreateMember = z.infer<typeof createMemberSchema>;

export const addPlateSchema = z.object({ plate: z.string().min(1, 'is required').max(16) });

export const createScreenSchema = z.object({
  id: deviceId,
  name: z.string().min(1).max(64),
  kind: z.enum(['floor', 'barrier'], { error: 'must be "floor" or "barrier"' }),
  floor: z.string().max(16).optional(),
  zone: z.string().max(32).optional(),
  gateId: deviceId.optional(),
});
export type CreateScreen = z.infer<typeof createScreenSchema>;

export const createStoreSchema = z.object({
  id: deviceId,
  nameZh: z.string().min(1).max(64),
  nameEn: z.string().min(1).max(64),
  category: z.string().min(1).max(32),
  floor: z.string().max(16).optional(),
  zone: z.string().max(32).optional(),
});

export const createGateSchema = z.object({
  id: deviceId,
  name: z.string().min(1).max(64),
  zone: z.string().max(32).optional(),
});

export const createKioskSchema = z.object({
  id: deviceId,
  name: z.string().min(1).max(64),
  floor: z.string().max(16).optional(),
  zone: z.string().max(32).optional(),
});

export const parkingTariffSchema = z.object({
  freeMinutes: z.number().int().min(0).max(24 * 60),
  perHourFen: z.number().int().min(0).max(100_000),
  dayCapFen: z.number().int().min(0).max(1_000_000),
  lostTicketFeeFen: z.number().int().min(0).max(1_000_000),
  spendFenPerHour: z.number().int().min(0).max(10_000_000),
  spendHoursCap: z.number().int().min(0).max(24),
  minConfidence: z.number().min(0).max(1),
  longStayMinutes: z.number().int().min(30).max(7 * 24 * 60),
});

export const parkingZoneSchema = z.object({ name: z.string().min(1).max(64), capacity: z.number().int().min(0).max(100_000) });
