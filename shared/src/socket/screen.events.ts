import { z } from 'zod';

/** Text in both of the mall's languages. */
export type Localized = { zh: string; en: string };

/** A personalised overlay shown full-screen for `ttlMs`, then the loop resumes. */
export interface ScreenOffer {
  id: string;
  kind: 'greeting' | 'welcome' | 'promotion';
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
}

export interface ScheduleItem {
  id: string;
  kind: 'text';
  durationMs: number;
  title: Localized;
  body: Localized;
}

/** What a screen plays; versioned so a reconnecting player knows whether it is current. */
export interface ScreenSchedule {
  version: number;
  screen: { id: string; name: string; kind: 'floor' | 'barrier'; mallName: Localized };
  items: ScheduleItem[];
}

export type ScreenCommand = { name: 'reload' } | { name: 'identify'; durationMs: number };

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
}

/** Events on the `/screen` namespace, screen → hub. */
export interface ScreenClientEvents {
  heartbeat: (beat: ScreenHeartbeat) => void;
}
