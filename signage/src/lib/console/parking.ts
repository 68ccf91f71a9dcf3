import type { ParkingSession } from './api.js';

/*
 * Small, pure helpers for the parking page: money as the service desk reads it, stays split
 * into hours and minutes, and which cars need a look.
 */

/** 123456 → "1,234.56": yuan with both decimals, always (integer arithmetic, no float rounding). */
export function fenToYuan2(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** 125 → { h: 2, m: 5 }. */
export function splitMinutes(minutes: number): { h: number; m: number } {
  const total = Math.max(0, Math.floor(minutes));
  return { h: Math.floor(total / 60), m: total % 60 };
}

/** The hub's flag for an exit it had no entry for (charged the lost-ticket fee). */
export const NO_ENTRY_FLAG = 'exit without entry';

export type ParkingAlertKind = 'no-entry' | 'flagged' | 'long-stay' | 'low-confidence';

/** Why a car needs a look, most urgent first. */
export function alertKinds(s: ParkingSession): ParkingAlertKind[] {
  const kinds: ParkingAlertKind[] = [];
  if (s.flagged) kinds.push(s.flagged === NO_ENTRY_FLAG ? 'no-entry' : 'flagged');
  if (s.longStay) kinds.push('long-stay');
  if (s.lowConfidence) kinds.push('low-confidence');
  return kinds;
}

const URGENCY: Record<ParkingAlertKind, number> = { 'no-entry': 0, flagged: 1, 'long-stay': 2, 'low-confidence': 3 };

/** Cars needing a look, once each: the most urgent reason first, then the longest stay. */
export function mergeAlerts(...lists: ReadonlyArray<readonly ParkingSession[]>): ParkingSession[] {
  const byId = new Map<number, ParkingSession>();
  for (const list of lists) for (const s of list) if (alertKinds(s).length > 0) byId.set(s.id, s);
  const rank = (s: ParkingSession) => Math.min(...alertKinds(s).map((k) => URGENCY[k]));
  return [...byId.values()].sort((a, b) => rank(a) - rank(b) || b.minutes - a.minutes || a.id - b.id);
}
