import { z } from 'zod';
import type { Ack } from '../ack.js';
import type { ScreenSchedule } from '../signage/schedule.js';

/** Text in both of the mall's languages. */
export type Localized = { zh: string; en: string };

/** A personalised overlay shown full-screen for `ttlMs`, then the loop resumes. */
export interface ScreenOffer {
  id: string;
  kind: 'greeting' | 'welcome' | 'promotion' | 'payment' | 'farewell';
  ttlMs: number;
  title: Localized;
  lines: Localized[];
  qr?: { url: string; dataUrl: string };
  greeting?: {
    tierCode: string;
    tierName: Localized;
    maskedPlate: string;
    points: number;
    freeParkingHours: number;
  };
  /** At an exit with a fee due: the bill and where to pay. */
  payment?: {
    feeFen: number;
    grossFen: number;
    hours: number;
    minutes: number;
    benefits: Array<{ label: Localized; hours: number }>;
    payUrl: string;
    qrDataUrl: string;
  };
}

/** Free spaces per car-park zone, for barrier displays. */
export interface ParkingOccupancy {
  zones: Array<{ zone: string; name: string; capacity: number; occupied: number; free: number }>;
  at: string;
}


export type ScreenCommand = { name: 'reload' } | { name: 'identify'; durationMs: number };

/** Proof of play: what a player showed, sent in batches; each play is stored once by its id. */
export const playedBatchSchema = z.object({
  batchId: z.string().min(8).max(64),
  plays: z
    .array(
      z.object({
        playId: z.string().min(8).max(64),
        contentId: z.number().int().positive(),
        entryId: z.number().int().positive().nullable(),
        startedAt: z.iso.datetime({ offset: true }),
        durationMs: z.number().int().min(0).max(24 * 3600_000),
      }),
    )
    .min(1)
    // 200 plays stay well under the 64 KiB Socket.IO message limit.
    .max(200),
});
export type PlayedBatch = z.infer<typeof playedBatchSchema>;

/** A content item the player could not show (missing or broken asset), reported so staff can fix it. */
export const contentProblemSchema = z.object({ contentId: z.number().int().positive(), reason: z.string().max(200) });

export const screenAuthSchema = z.object({
  deviceId: z.string().min(1).max(64),
  token: z.string().min(1).max(256),
});
export type ScreenAuth = z.infer<typeof screenAuthSchema>;

export const heartbeatSchema = z.object({
  at: z.string().max(40),
  playing: z.string().max(64).optional(),
  appVersion: z.string().max(32).optional(),
});
export type ScreenHeartbeat = z.infer<typeof heartbeatSchema>;

/** Events on the `/screen` namespace, hub → screen. */
export interface ScreenServerEvents {
  schedule: (schedule: ScreenSchedule) => void;
  offer: (offer: ScreenOffer) => void;
  command: (command: ScreenCommand) => void;
  occupancy: (occupancy: ParkingOccupancy) => void;
}

/** Events on the `/screen` namespace, screen → hub. */
export interface ScreenClientEvents {
  heartbeat: (beat: ScreenHeartbeat) => void;
  played: (batch: PlayedBatch, ack: (answer: Ack<{ stored: number; duplicates: number }>) => void) => void;
  'content:problem': (problem: z.infer<typeof contentProblemSchema>) => void;
}
