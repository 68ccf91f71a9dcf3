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

  let items = main;
  for (const interrupt of live.filter((e) => e.sharePct !== null).sort((a, b) => b.priority - a.priority || a.id - b.id)) {
    items = withShareOfVoice(items, expand(interrupt.playlistId, interrupt.id), interrupt.sharePct!);
  }
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
 * Inserts interrupt items so they take about `sharePct` of the loop's time,
 * spaced evenly. An empty loop becomes the interrupt's own playlist.
 */
function withShareOfVoice(loop: PlannedItem[], interrupt: PlannedItem[], sharePct: number): PlannedItem[] {
  if (interrupt.length === 0) return loop;
  if (loop.length === 0) return interrupt;
  const loopMs = loop.reduce((sum, i) => sum + i.durationMs, 0);
  const wantedMs = (loopMs * sharePct) / (100 - sharePct);
  const inserts: PlannedItem[] = [];
  let insertedMs = 0;
  // At least one, then as many as bring the share closest to what was asked.
  do {
    const next = interrupt[inserts.length % interrupt.length]!;
    inserts.push(next);
    insertedMs += next.durationMs;
  } while (inserts.length < loop.length && Math.abs(insertedMs + interrupt[inserts.length % interrupt.length]!.durationMs - wantedMs) < Math.abs(insertedMs - wantedMs));
  const out: PlannedItem[] = [];
  const every = loop.length / inserts.length;
  let placed = 0;
  loop.forEach((item, i) => {
    out.push(item);
    while (placed < inserts.length && i + 1 >= Math.round((placed + 1) * every)) out.push(inserts[placed++]!);
  });
  while (placed < inserts.length) out.push(inserts[placed++]!);
  return out;
}
