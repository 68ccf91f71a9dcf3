/*
 * Mall-time helpers for the console. Schedules speak the mall's wall clock (days, weekdays,
 * minutes since midnight), while the browser may sit in another time zone: everything a
 * marketer types or reads is mall time, and only instants sent to the hub are ISO strings.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface WallTime {
  /** YYYY-MM-DD */
  day: string;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  /** Minutes since midnight. */
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function parts(instant: Date, timeZone: string): Record<string, string> {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(instant)) out[p.type] = p.value;
  return out;
}

export function wallTime(instant: Date, timeZone: string): WallTime {
  const p = parts(instant, timeZone);
  return { day: `${p.year}-${p.month}-${p.day}`, weekday: WEEKDAYS[p.weekday ?? ''] ?? 1, minute: Number(p.hour) * 60 + Number(p.minute) };
}

/** How far the zone's wall clock is ahead of UTC at this instant, in ms. */
function offsetMs(instant: Date, timeZone: string): number {
  const p = parts(instant, timeZone);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant when the mall's clock shows `day` at `minute` (DST gaps resolve forward). */
export function instantAt(day: string, minute: number, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d, Math.floor(minute / 60), minute % 60);
  const first = guess - offsetMs(new Date(guess), timeZone);
  // A second pass settles instants near an offset change.
  return new Date(guess - offsetMs(new Date(first), timeZone));
}

/** "2026-11-30" + 1 → "2026-12-01" (calendar arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday on or before `day`. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
  return addDays(day, 1 - weekday);
}

export const pad2 = (n: number) => String(n).padStart(2, '0');

/** 570 → "09:30"; 1440 → "24:00". */
export const minuteToHHMM = (minute: number) => `${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}`;

/** "09:30" → 570; anything else → null. "24:00" is accepted as the end of the day. */
export function hhmmToMinute(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const minute = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && minute <= 1440 ? minute : null;
}

/** A `datetime-local` value ("2026-12-24T18:30") showing `instant` on the mall's clock. */
export function toLocalInput(instant: Date, timeZone: string): string {
  const w = wallTime(instant, timeZone);
  return `${w.day}T${minuteToHHMM(w.minute)}`;
}

/** The instant a `datetime-local` value means on the mall's clock; null when incomplete. */
export function fromLocalInput(value: string, timeZone: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  const minute = m ? hhmmToMinute(m[2]!) : null;
  return m && minute !== null ? instantAt(m[1]!, minute, timeZone) : null;
}

export function formatMs(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const min = Math.floor(s / 60);
  return s % 60 === 0 ? `${min}m` : `${min}m${pad2(s % 60)}s`;
}

/** Seconds on screen, summed: 45 → "45s"; 125 → "2m05s"; 7530 → "2h05m". */
export function formatSeconds(total: number): string {
  const s = Math.max(0, Math.round(total));
  if (s < 3600) return formatMs(s * 1000);
  return `${Math.floor(s / 3600)}h${pad2(Math.floor((s % 3600) / 60))}m`;
}

/** The hub's UTC hour bucket ("2026-11-25T06") → the start of that hour on the mall's clock; null if malformed. */
export function utcHourToWall(key: string, timeZone: string): WallTime | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}$/.test(key)) return null;
  const instant = new Date(`${key}:00:00Z`);
  return Number.isNaN(instant.getTime()) ? null : wallTime(instant, timeZone);
}

export function formatInstant(iso: string, timeZone: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function relativeTime(iso: string | null, now: number, locale: string): string | null {
  if (!iso) return null;
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return null;
  const s = Math.round((then - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(s);
  if (abs < 60) return rtf.format(s, 'second');
  if (abs < 3600) return rtf.format(Math.round(s / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(s / 3600), 'hour');
  return rtf.format(Math.round(s / 86400), 'day');
}
