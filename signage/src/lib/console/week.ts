import type { ScheduleEntry } from '@atrium/shared';
import { addDays } from './time.js';

/**
 * Lays schedule entries out on a Mon–Sun week in mall time. An entry shows on a day when the
 * day is inside its date range and weekdays; a window running past midnight belongs to the day
 * it starts on (as in the shared resolver), so its tail appears on the next morning.
 */
export interface WeekBlock {
  entry: ScheduleEntry;
  /** 0 = Monday of the week shown. */
  dayIndex: number;
  start: number;
  end: number;
  allDay: boolean;
  /** Side-by-side placement when blocks overlap (all-day bands and timed blocks each have their own lanes). */
  lane: number;
  lanes: number;
}

function onDay(e: ScheduleEntry, day: string, weekday: number): boolean {
  return (e.dateFrom === null || day >= e.dateFrom) && (e.dateTo === null || day <= e.dateTo) && (e.weekdays.length === 0 || e.weekdays.includes(weekday));
}

export function weekBlocks(entries: ScheduleEntry[], monday: string): WeekBlock[][] {
  const days: Array<Array<Omit<WeekBlock, 'lane' | 'lanes'>>> = Array.from({ length: 7 }, () => []);
  for (let d = 0; d < 7; d++) {
    const day = addDays(monday, d);
    const weekday = d + 1;
    const yesterday = addDays(day, -1);
    const yWeekday = weekday === 1 ? 7 : weekday - 1;
    for (const e of entries) {
      if (e.windows.length === 0) {
        if (onDay(e, day, weekday)) days[d]!.push({ entry: e, dayIndex: d, start: 0, end: 1440, allDay: true });
        continue;
      }
      for (const w of e.windows) {
        if (w.start < w.end) {
          if (onDay(e, day, weekday)) days[d]!.push({ entry: e, dayIndex: d, start: w.start, end: w.end, allDay: false });
        } else if (w.start > w.end) {
          if (onDay(e, day, weekday)) days[d]!.push({ entry: e, dayIndex: d, start: w.start, end: 1440, allDay: false });
          if (w.end > 0 && onDay(e, yesterday, yWeekday)) days[d]!.push({ entry: e, dayIndex: d, start: 0, end: w.end, allDay: false });
        }
      }
    }
  }
  // All-day entries are bands behind the day's column; timed blocks share lanes among themselves.
  return days.map((blocks) => [...placeInLanes(blocks.filter((b) => b.allDay)), ...placeInLanes(blocks.filter((b) => !b.allDay))]);
}

/** Greedy lanes: each block takes the first lane free at its start; a day's width is shared by its busiest moment. */
function placeInLanes(blocks: Array<Omit<WeekBlock, 'lane' | 'lanes'>>): WeekBlock[] {
  const sorted = blocks.toSorted((a, b) => a.start - b.start || b.end - a.end || b.entry.priority - a.entry.priority || a.entry.id - b.entry.id);
  const laneEnds: number[] = [];
  const placed = sorted.map((b) => {
    let lane = laneEnds.findIndex((end) => end <= b.start);
    if (lane === -1) lane = laneEnds.push(b.end) - 1;
    else laneEnds[lane] = b.end;
    return { ...b, lane, lanes: 0 };
  });
  for (const b of placed) b.lanes = laneEnds.length;
  return placed;
}

/** A stable colour per entry, so the same entry reads the same across the week. */
export function entryHue(id: number): number {
  return (id * 137.508) % 360;
}
