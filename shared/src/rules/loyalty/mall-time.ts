/**
 * The mall's clock. "Today", weekdays and time-of-day windows are judged in the
 * mall's time zone (config, default Asia/Shanghai), never in the server's.
 */
export interface MallMoment {
  /** Calendar day in the mall, "YYYY-MM-DD". */
  day: string;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes since the mall's midnight, 0–1439. */
  minute: number;
  /** 1–12. */
  month: number;
  year: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
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
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function mallMoment(instant: Date, timeZone: string): MallMoment {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const year = Number(parts.year);
  const month = Number(parts.month);
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
    minute: Number(parts.hour) * 60 + Number(parts.minute),
    month,
    year,
  };
}

/** "2026-11-30" + 1 → "2026-12-01" (calendar arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole months earlier, clamped to the month's end ("2026-03-31" − 1 month → "2026-02-28"). */
export function monthsBefore(instant: Date, months: number): Date {
  const d = new Date(instant);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}

/**
 * The mall day containing an instant, as a UTC range [from, to). Assumes the
 * zone's offset is whole minutes and unchanged within the day (true for China).
 */
export function mallDayRange(instant: Date, timeZone: string): { from: Date; to: Date } {
  const minuteStart = Math.floor(instant.getTime() / 60_000) * 60_000;
  const from = new Date(minuteStart - mallMoment(instant, timeZone).minute * 60_000);
  return { from, to: new Date(from.getTime() + 86_400_000) };
}
