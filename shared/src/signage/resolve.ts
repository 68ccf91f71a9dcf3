import { addDays, mallMoment, type MallMoment } from '../rules/loyalty/mall-time.js';
import type { ContentItem, PlannedItem, PlaybackPlan, Playlist, ScheduleEntry, ScreenInfo, ScreenSchedule, ScreenTarget } from './schedule.js';

/**
 * What plays on a screen at an instant: one pure function, used by the player
 * (every tick, with the mall's clock), by the hub and by the console's preview.
 *
 * 1. An emergency overrides everything.
 * 2. Of the live entries that replace the loop, the highest priority wins; equal
 *    priorities interleave their playlists item by item.
 * 3. With no live entry, the default playlist plays, so a screen never goes dark.
 * 4. Live interrupts take their share of each loop's time, spread evenly through it.
 * Playlist items outside their own validity dates are skipped.
 */
export function resolvePlayback(schedule: ScreenSchedule, now: Date): PlaybackPlan {
  if (schedule.emergency) return { kind: 'emergency', emergency: schedule.emergency };
  const moment = mallMoment(now, schedule.timeZone);
  const live = schedule.entries.filter((e) => entryIsLive(e, moment));
  const playlists = new Map(schedule.playlists.map((p) => [p.id, p]));
  const contents = new Map(schedule.contents.map((c) => [c.id, c]));
  const expand = (playlistId: number, entryId: number | null) => playlistItems(playlists.get(playlistId), contents, now, entryId);

  const replacing = live.filter((e) => e.sharePct === null);
  const top = Math.max(...replacing.map((e) => e.priority));
  const winners = replacing.filter((e) => e.priority === top).sort((a, b) => a.id - b.id);
  let main = interleave(winners.map((e) => expand(e.playlistId, e.id)));
  if (main.length === 0 && schedule.defaultPlaylistId !== null) main = expand(schedule.defaultPlaylistId, null);

  const interrupts = live.filter((e) => e.sharePct !== null).sort((a, b) => b.priority - a.priority || a.id - b.id);
  const items = withShareOfVoice(
    main,
    interrupts.map((e) => ({ items: expand(e.playlistId, e.id), sharePct: e.sharePct! })),
  );
  return { kind: 'loop', items, liveEntryIds: live.map((e) => e.id) };
}

/** Whether a schedule entry is on air at this mall moment (date range, weekdays, dayparts). */
export function entryIsLive(e: ScheduleEntry, m: MallMoment): boolean {
  const onDay = (day: string, weekday: number) =>
    (e.dateFrom === null || day >= e.dateFrom) && (e.dateTo === null || day <= e.dateTo) && (e.weekdays.length === 0 || e.weekdays.includes(weekday));
  if (e.windows.length === 0) return onDay(m.day, m.weekday);
  const yesterday = { day: addDays(m.day, -1), weekday: m.weekday === 1 ? 7 : m.weekday - 1 };
  return e.windows.some((w) => {
    if (w.start <= w.end) return m.minute >= w.start && m.minute < w.end && onDay(m.day, m.weekday);
    // Across midnight: the window belongs to the day it starts on.
    if (m.minute >= w.start) return onDay(m.day, m.weekday);
    if (m.minute < w.end) return onDay(yesterday.day, yesterday.weekday);
    return false;
  });
}

/** Whether a schedule's target includes this screen. */
export function targetsScreen(t: ScreenTarget, s: Pick<ScreenInfo, 'id' | 'kind' | 'floor' | 'zone' | 'tags'>): boolean {
  if (t.screenIds.includes(s.id)) return true;
  const groups = [t.floors, t.zones, t.kinds, t.tags];
  if (t.screenIds.length > 0 && groups.every((g) => g.length === 0)) return false;
  return (
    (t.floors.length === 0 || (s.floor !== null && t.floors.includes(s.floor))) &&
    (t.zones.length === 0 || (s.zone !== null && t.zones.includes(s.zone))) &&
    (t.kinds.length === 0 || (t.kinds as string[]).includes(s.kind)) &&
    (t.tags.length === 0 || t.tags.some((tag) => s.tags.includes(tag)))
  );
}

function playlistItems(playlist: Playlist | undefined, contents: Map<number, ContentItem>, now: Date, entryId: number | null): PlannedItem[] {
  if (!playlist) return [];
  const t = now.getTime();
  const items: PlannedItem[] = [];
  for (const item of playlist.items) {
    if (item.validFrom && t < Date.parse(item.validFrom)) continue;
    if (item.validUntil && t >= Date.parse(item.validUntil)) continue;
    const content = contents.get(item.contentId);
    if (!content) continue;
    const durationMs = content.kind === 'video' ? content.durationMs : (item.durationMs ?? content.durationMs);
    items.push({ content, durationMs, entryId });
  }
  return items;
}

/** A1 B1 A2 B2 A3 …: equal-priority playlists share the screen item by item. */
function interleave(lists: PlannedItem[][]): PlannedItem[] {
  const out: PlannedItem[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) out.push(list[i]!);
  return out;
}

/**
 * Inserts interrupt items so that each interrupt takes about its `sharePct` of the
 * whole loop's time (shares are of the final loop, so two 20% interrupts get 20%
 * each; together they are capped at 90%), spaced evenly through the main loop.
 * An empty main loop plays the interrupts' own playlists.
 */
function withShareOfVoice(main: PlannedItem[], interrupts: Array<{ items: PlannedItem[]; sharePct: number }>): PlannedItem[] {
  const active = interrupts.filter((i) => i.items.length > 0);
  if (active.length === 0) return main;
  if (main.length === 0) return active.flatMap((i) => i.items);
  const mainMs = main.reduce((sum, i) => sum + i.durationMs, 0);
  const totalShare = Math.min(90, active.reduce((sum, i) => sum + i.sharePct, 0));
  const scale = totalShare / active.reduce((sum, i) => sum + i.sharePct, 0);
  const placed: Array<{ at: number; order: number; item: PlannedItem }> = [];
  active.forEach((interrupt, order) => {
    const share = interrupt.sharePct * scale;
    const wantedMs = (mainMs * share) / (100 - totalShare);
    const inserts = closestCount(interrupt.items, wantedMs);
    // Spread evenly: insert k sits in the middle of its 1/n slice of the main loop.
    inserts.forEach((item, k) => placed.push({ at: ((k + 0.5) * main.length) / inserts.length, order, item }));
  });
  placed.sort((a, b) => a.at - b.at || a.order - b.order);
  const out: PlannedItem[] = [];
  let next = 0;
  main.forEach((item, i) => {
    out.push(item);
    while (next < placed.length && placed[next]!.at < i + 1) out.push(placed[next++]!.item);
  });
  return out;
}

/** Cycles through the interrupt's items until their time is as close as it gets to the wanted time (at least one). */
function closestCount(items: PlannedItem[], wantedMs: number): PlannedItem[] {
  const chosen: PlannedItem[] = [items[0]!];
  let ms = items[0]!.durationMs;
  for (;;) {
    const next = items[chosen.length % items.length]!;
    if (Math.abs(ms + next.durationMs - wantedMs) >= Math.abs(ms - wantedMs)) return chosen;
    chosen.push(next);
    ms += next.durationMs;
  }
}
