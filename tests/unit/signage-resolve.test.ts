import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  entryIsLive,
  mallMoment,
  resolvePlayback,
  targetsScreen,
  type ContentItem,
  type ContentKind,
  type Emergency,
  type PlannedItem,
  type PlaybackPlan,
  type Playlist,
  type PlaylistItem,
  type ScheduleEntry,
  type ScreenInfo,
  type ScreenSchedule,
  type ScreenTarget,
} from '@atrium/shared';
import { titled } from '../support/tables.js';

const SHANGHAI = 'Asia/Shanghai';
/** An instant from a wall-clock time in Shanghai, e.g. "2026-11-27T11:30" (a Friday). */
const instant = (local: string) => new Date(`${local}:00+08:00`);
/** The mall moment of a wall-clock time in Shanghai. */
const at = (local: string) => mallMoment(instant(local), SHANGHAI);

/** The pinned clock: Friday 27 November 2026, 11:30 in the mall. */
const FRIDAY_1130 = instant('2026-11-27T11:30');

const EVERY_SCREEN: ScreenTarget = { screenIds: [], floors: [], zones: [], kinds: [], tags: [] };

const SCREEN: ScreenInfo = {
  id: 'L2-north-01',
  name: 'Level 2, north escalator',
  kind: 'floor',
  floor: 'L2',
  zone: 'north',
  tags: ['food', 'entrance'],
  mallName: { zh: '中庭', en: 'Atrium' },
};

function content(id: number, name: string, kind: ContentKind = 'image', durationMs = 8000): ContentItem {
  return { id, kind, name, durationMs };
}

function item(contentId: number, over: Partial<PlaylistItem> = {}): PlaylistItem {
  return { contentId, durationMs: null, validFrom: null, validUntil: null, ...over };
}

function playlist(id: number, items: Array<number | PlaylistItem>): Playlist {
  return { id, name: `playlist ${id}`, items: items.map((i) => (typeof i === 'number' ? item(i) : i)) };
}

/** An entry that replaces the loop all day, every day, on every screen, unless told otherwise. */
function entry(over: Partial<ScheduleEntry> & Pick<ScheduleEntry, 'id' | 'playlistId'>): ScheduleEntry {
  return {
    name: `entry ${over.id}`,
    priority: 10,
    dateFrom: null,
    dateTo: null,
    weekdays: [],
    windows: [],
    sharePct: null,
    target: EVERY_SCREEN,
    ...over,
  };
}

// Content ids: D = default, A/B/C = campaigns, I = interrupts, L = a ten-item loop.
const D1 = content(1, 'D1');
const D2 = content(2, 'D2');
const A = [content(11, 'A1'), content(12, 'A2'), content(13, 'A3')];
const B = [content(21, 'B1'), content(22, 'B2')];
const C = [content(31, 'C1')];
const I = [content(41, 'I1'), content(42, 'I2')];
const L = Array.from({ length: 10 }, (_, i) => content(101 + i, `L${i + 1}`));

const DEFAULT_LIST = 1;
const A_LIST = 2;
const B_LIST = 3;
const C_LIST = 4;
const I_LIST = 5;
const L_LIST = 6;
const EMPTY_LIST = 7;

const PLAYLISTS: Playlist[] = [
  playlist(DEFAULT_LIST, [D1.id, D2.id]),
  playlist(A_LIST, A.map((c) => c.id)),
  playlist(B_LIST, B.map((c) => c.id)),
  playlist(C_LIST, C.map((c) => c.id)),
  playlist(I_LIST, I.map((c) => c.id)),
  playlist(L_LIST, L.map((c) => c.id)),
  playlist(EMPTY_LIST, []),
];

function schedule(over: Partial<ScreenSchedule> = {}): ScreenSchedule {
  return {
    version: 1,
    screen: SCREEN,
    timeZone: SHANGHAI,
    defaultPlaylistId: DEFAULT_LIST,
    playlists: PLAYLISTS,
    contents: [D1, D2, ...A, ...B, ...C, ...I, ...L],
    entries: [],
    emergency: null,
    ...over,
  };
}

function loopOf(plan: PlaybackPlan): { items: PlannedItem[]; liveEntryIds: number[] } {
  if (plan.kind !== 'loop') throw new Error(`expected a loop, got ${plan.kind}`);
  return plan;
}

/** The names of what plays, in order: the easiest thing to read in a failing test. */
const names = (plan: PlaybackPlan) => loopOf(plan).items.map((i) => i.content.name);

const sumMs = (items: PlannedItem[]) => items.reduce((sum, i) => sum + i.durationMs, 0);

describe('what plays when nothing is scheduled', () => {
  it('plays the default playlist when no entry is live', () => {
    const plan = resolvePlayback(schedule(), FRIDAY_1130);
    expect(plan).toEqual({
      kind: 'loop',
      items: [
        { content: D1, durationMs: 8000, entryId: null },
        { content: D2, durationMs: 8000, entryId: null },
      ],
      liveEntryIds: [],
    });
  });

  it('gives an empty loop for an empty schedule with no default playlist', () => {
    const plan = resolvePlayback(schedule({ defaultPlaylistId: null, playlists: [], contents: [] }), FRIDAY_1130);
    expect(plan).toEqual({ kind: 'loop', items: [], liveEntryIds: [] });
  });

  it('gives an empty loop when the default playlist is not in the schedule', () => {
    expect(resolvePlayback(schedule({ defaultPlaylistId: 999 }), FRIDAY_1130)).toEqual({ kind: 'loop', items: [], liveEntryIds: [] });
  });

  it('plays the default playlist when the only entries are not live yet', () => {
    const plan = resolvePlayback(schedule({ entries: [entry({ id: 1, playlistId: A_LIST, dateFrom: '2026-12-01' })] }), FRIDAY_1130);
    expect(names(plan)).toEqual(['D1', 'D2']);
    expect(loopOf(plan).liveEntryIds).toEqual([]);
  });
});

describe('which live entry replaces the loop', () => {
  const lunch = entry({ id: 7, playlistId: A_LIST, windows: [{ start: 11 * 60, end: 14 * 60 }] });

  it.each(titled([
    { when: 'inside its window the live entry replaces the default', local: '2026-11-27T11:30', plays: ['A1', 'A2', 'A3'], live: [7] },
    { when: 'at the first minute of its window the live entry already plays', local: '2026-11-27T11:00', plays: ['A1', 'A2', 'A3'], live: [7] },
    { when: 'before its window the default plays', local: '2026-11-27T10:59', plays: ['D1', 'D2'], live: [] },
    { when: 'when its window has just closed the default is back', local: '2026-11-27T14:00', plays: ['D1', 'D2'], live: [] },
  ], (r) => r.when))('%s', (_, { local, plays, live }) => {
    const plan = resolvePlayback(schedule({ entries: [lunch] }), instant(local));
    expect(names(plan)).toEqual(plays);
    expect(loopOf(plan).liveEntryIds).toEqual(live);
  });

  it('marks each planned item with the entry it came from', () => {
    const plan = resolvePlayback(schedule({ entries: [lunch] }), FRIDAY_1130);
    expect(loopOf(plan).items.map((i) => i.entryId)).toEqual([7, 7, 7]);
  });

  it.each(titled([
    {
      when: 'the higher priority wins over the lower, whatever the order of the entries',
      entries: [entry({ id: 1, playlistId: A_LIST, priority: 5 }), entry({ id: 2, playlistId: B_LIST, priority: 50 })],
      plays: ['B1', 'B2'],
    },
    {
      when: 'the higher priority wins even when it is listed first',
      entries: [entry({ id: 2, playlistId: B_LIST, priority: 50 }), entry({ id: 1, playlistId: A_LIST, priority: 5 })],
      plays: ['B1', 'B2'],
    },
    {
      when: 'a priority of zero still replaces the default',
      entries: [entry({ id: 1, playlistId: C_LIST, priority: 0 })],
      plays: ['C1'],
    },
    {
      when: 'equal priorities interleave item by item, the lower entry id first (A1 B1 A2 B2 A3)',
      entries: [entry({ id: 1, playlistId: A_LIST }), entry({ id: 2, playlistId: B_LIST })],
      plays: ['A1', 'B1', 'A2', 'B2', 'A3'],
    },
    {
      when: 'equal priorities interleave by entry id, not by their order in the schedule',
      entries: [entry({ id: 2, playlistId: B_LIST }), entry({ id: 1, playlistId: A_LIST })],
      plays: ['A1', 'B1', 'A2', 'B2', 'A3'],
    },
    {
      when: 'equal priorities with the shorter playlist on the lower id start with it (B1 A1 B2 A2 A3)',
      entries: [entry({ id: 9, playlistId: A_LIST }), entry({ id: 3, playlistId: B_LIST })],
      plays: ['B1', 'A1', 'B2', 'A2', 'A3'],
    },
    {
      when: 'three equal priorities interleave in entry id order',
      entries: [entry({ id: 3, playlistId: C_LIST }), entry({ id: 1, playlistId: A_LIST }), entry({ id: 2, playlistId: B_LIST })],
      plays: ['A1', 'B1', 'C1', 'A2', 'B2', 'A3'],
    },
    {
      when: 'equal top priorities interleave and a lower one is left out',
      entries: [entry({ id: 1, playlistId: A_LIST, priority: 20 }), entry({ id: 2, playlistId: B_LIST, priority: 20 }), entry({ id: 3, playlistId: C_LIST, priority: 19 })],
      plays: ['A1', 'B1', 'A2', 'B2', 'A3'],
    },
    {
      when: 'an entry that is not live does not take part, however high its priority',
      entries: [entry({ id: 1, playlistId: A_LIST, priority: 5 }), entry({ id: 2, playlistId: B_LIST, priority: 99, weekdays: [6, 7] })],
      plays: ['A1', 'A2', 'A3'],
    },
    {
      when: 'a live entry whose playlist has nothing valid falls back to the default, so the screen never goes dark',
      entries: [entry({ id: 1, playlistId: EMPTY_LIST })],
      plays: ['D1', 'D2'],
    },
  ], (r) => r.when))('%s', (_, { entries, plays }) => {
    expect(names(resolvePlayback(schedule({ entries }), FRIDAY_1130))).toEqual(plays);
  });

  it('lists every live entry, the losers too, in liveEntryIds', () => {
    const entries = [
      entry({ id: 1, playlistId: A_LIST, priority: 5 }),
      entry({ id: 2, playlistId: B_LIST, priority: 50 }),
      entry({ id: 3, playlistId: C_LIST, priority: 50, weekdays: [1] }),
    ];
    expect([...loopOf(resolvePlayback(schedule({ entries }), FRIDAY_1130)).liveEntryIds].sort((a, b) => a - b)).toEqual([1, 2]);
  });
});

describe('whether an entry is live at a mall moment', () => {
  const fridayLateNight = { weekdays: [5], windows: [{ start: 22 * 60, end: 2 * 60 }] };

  it.each(titled([
    // All day, every day.
    { when: 'an entry with no dates, weekdays or windows is live at any time', e: {}, local: '2026-11-27T03:17', live: true },

    // Date ranges, inclusive, in mall days.
    { when: 'a range is live on its first day at mall midnight', e: { dateFrom: '2026-11-27', dateTo: '2026-11-30' }, local: '2026-11-27T00:00', live: true },
    { when: 'a range is not live the minute before its first mall day, though UTC is already on the 26th', e: { dateFrom: '2026-11-27' }, local: '2026-11-26T23:59', live: false },
    { when: 'a range is live late on its last day (23:30 on the 30th)', e: { dateFrom: '2026-11-27', dateTo: '2026-11-30' }, local: '2026-11-30T23:30', live: true },
    { when: 'a range is live at the last minute of its last day', e: { dateTo: '2026-11-30' }, local: '2026-11-30T23:59', live: true },
    { when: 'a range ending on the 30th is over at 00:30 on the 1st in the mall, though UTC still says the 30th', e: { dateTo: '2026-11-30' }, local: '2026-12-01T00:30', live: false },
    { when: 'a range starting on the 1st is live at 00:30 on the 1st in the mall, though UTC still says the 30th', e: { dateFrom: '2026-12-01' }, local: '2026-12-01T00:30', live: true },
    { when: 'a range starting on the 1st is not live at 23:30 on the 30th', e: { dateFrom: '2026-12-01' }, local: '2026-11-30T23:30', live: false },
    { when: 'a one-day range is live on that day', e: { dateFrom: '2026-11-27', dateTo: '2026-11-27' }, local: '2026-11-27T18:00', live: true },
    { when: 'a one-day range is not live the next day', e: { dateFrom: '2026-11-27', dateTo: '2026-11-27' }, local: '2026-11-28T00:00', live: false },
    { when: 'an open-ended start is live long before the end', e: { dateTo: '2026-12-31' }, local: '2025-01-01T12:00', live: true },
    { when: 'an open-ended end is live long after the start', e: { dateFrom: '2026-01-01' }, local: '2030-06-15T12:00', live: true },
    { when: 'a range across the new year is live on 31 December', e: { dateFrom: '2026-12-24', dateTo: '2027-01-02' }, local: '2026-12-31T23:59', live: true },

    // Weekdays, 1 = Monday … 7 = Sunday.
    { when: 'a Friday entry is live on a Friday', e: { weekdays: [5] }, local: '2026-11-27T11:30', live: true },
    { when: 'a Friday entry is not live on a Saturday', e: { weekdays: [5] }, local: '2026-11-28T11:30', live: false },
    { when: 'a Sunday entry (7) is live on a Sunday', e: { weekdays: [7] }, local: '2026-11-29T11:30', live: true },
    { when: 'a Sunday entry (7) is not live on a Monday', e: { weekdays: [7] }, local: '2026-11-30T11:30', live: false },
    { when: 'a Monday entry (1) is not live on a Sunday', e: { weekdays: [1] }, local: '2026-11-29T11:30', live: false },
    { when: 'a weekend entry is live on a Saturday', e: { weekdays: [6, 7] }, local: '2026-11-28T11:30', live: true },
    { when: 'a weekday entry is not live on a Sunday', e: { weekdays: [1, 2, 3, 4, 5] }, local: '2026-11-29T11:30', live: false },
    { when: 'the weekday is the mall\'s: 00:30 Saturday in the mall is Saturday though UTC says Friday', e: { weekdays: [6] }, local: '2026-11-28T00:30', live: true },
    { when: 'weekdays and a date range must both hold', e: { weekdays: [5], dateFrom: '2026-12-01' }, local: '2026-11-27T11:30', live: false },

    // Windows [start, end) in minutes.
    { when: 'a window is live at its start minute', e: { windows: [{ start: 600, end: 720 }] }, local: '2026-11-27T10:00', live: true },
    { when: 'a window is live at its last minute', e: { windows: [{ start: 600, end: 720 }] }, local: '2026-11-27T11:59', live: true },
    { when: 'a window is not live at its end minute', e: { windows: [{ start: 600, end: 720 }] }, local: '2026-11-27T12:00', live: false },
    { when: 'a window is not live the minute before it starts', e: { windows: [{ start: 600, end: 720 }] }, local: '2026-11-27T09:59', live: false },
    { when: 'with several windows the first one counts', e: { windows: [{ start: 480, end: 600 }, { start: 1020, end: 1200 }] }, local: '2026-11-27T08:30', live: true },
    { when: 'with several windows the second one counts', e: { windows: [{ start: 480, end: 600 }, { start: 1020, end: 1200 }] }, local: '2026-11-27T17:00', live: true },
    { when: 'with several windows the gap between them is not live', e: { windows: [{ start: 480, end: 600 }, { start: 1020, end: 1200 }] }, local: '2026-11-27T11:00', live: false },
    { when: 'with several windows the time after the last is not live', e: { windows: [{ start: 480, end: 600 }, { start: 1020, end: 1200 }] }, local: '2026-11-27T20:00', live: false },
    { when: 'a window ending at 1440 is live at 23:59', e: { windows: [{ start: 1320, end: 1440 }] }, local: '2026-11-27T23:59', live: true },
    { when: 'a window from 0 to 1440 is live at midnight', e: { windows: [{ start: 0, end: 1440 }] }, local: '2026-11-27T00:00', live: true },
    { when: 'a window ending at 0 runs to midnight and is live at 23:59', e: { windows: [{ start: 1320, end: 0 }] }, local: '2026-11-27T23:59', live: true },
    { when: 'a window ending at 0 is over at midnight', e: { windows: [{ start: 1320, end: 0 }] }, local: '2026-11-28T00:00', live: false },
    { when: 'a window on a day outside the weekdays is not live', e: { weekdays: [6], windows: [{ start: 600, end: 720 }] }, local: '2026-11-27T11:00', live: false },

    // A window across midnight (22:00–02:00) belongs to the day it starts.
    { when: 'Friday\'s late-night window is live on Friday at 23:00', e: fridayLateNight, local: '2026-11-27T23:00', live: true },
    { when: 'Friday\'s late-night window is live at its opening minute, Friday 22:00', e: fridayLateNight, local: '2026-11-27T22:00', live: true },
    { when: 'Friday\'s late-night window is live on Saturday at 01:00', e: fridayLateNight, local: '2026-11-28T01:00', live: true },
    { when: 'Friday\'s late-night window is live at its last minute, Saturday 01:59', e: fridayLateNight, local: '2026-11-28T01:59', live: true },
    { when: 'Friday\'s late-night window is over on Saturday at 02:00', e: fridayLateNight, local: '2026-11-28T02:00', live: false },
    { when: 'Friday\'s late-night window is not live on Friday at 01:00 (that is Thursday\'s window)', e: fridayLateNight, local: '2026-11-27T01:00', live: false },
    { when: 'Friday\'s late-night window is not live on Saturday at 23:00 (that is Saturday\'s window)', e: fridayLateNight, local: '2026-11-28T23:00', live: false },
    { when: 'Friday\'s late-night window is not live on Friday at 21:59', e: fridayLateNight, local: '2026-11-27T21:59', live: false },
    { when: 'Friday\'s late-night window is not live in the middle of Friday', e: fridayLateNight, local: '2026-11-27T12:00', live: false },
    { when: 'Sunday\'s late-night window (7) runs into Monday 01:00', e: { weekdays: [7], windows: [{ start: 1320, end: 120 }] }, local: '2026-11-30T01:00', live: true },
    { when: 'Sunday\'s late-night window is not live at Sunday 01:00 (that is Saturday\'s window)', e: { weekdays: [7], windows: [{ start: 1320, end: 120 }] }, local: '2026-11-29T01:00', live: false },
    { when: 'a late-night window started on the last day of a range runs past its end into the next day', e: { dateTo: '2026-11-27', windows: [{ start: 1320, end: 120 }] }, local: '2026-11-28T01:00', live: true },
    { when: 'a late-night window started on 30 November runs into 1 December', e: { dateTo: '2026-11-30', windows: [{ start: 1320, end: 120 }] }, local: '2026-12-01T01:00', live: true },
    { when: 'the early hours of a range\'s first day belong to the day before, outside the range', e: { dateFrom: '2026-11-28', windows: [{ start: 1320, end: 120 }] }, local: '2026-11-28T01:00', live: false },
    { when: 'the late-night window of a range\'s first day is live', e: { dateFrom: '2026-11-28', windows: [{ start: 1320, end: 120 }] }, local: '2026-11-28T23:00', live: true },
    { when: 'a late-night window and a daytime window together cover both', e: { weekdays: [5], windows: [{ start: 600, end: 720 }, { start: 1320, end: 120 }] }, local: '2026-11-28T00:30', live: true },
  ], (r) => r.when))('%s', (_, { e, local, live }) => {
    const subject = entry({ id: 1, playlistId: A_LIST, ...e });
    expect(entryIsLive(subject, at(local))).toBe(live);
    // The plan agrees with the predicate: the entry replaces the default exactly when it is live.
    expect(names(resolvePlayback(schedule({ entries: [subject] }), instant(local)))).toEqual(live ? ['A1', 'A2', 'A3'] : ['D1', 'D2']);
  });
});

describe('the items of a playlist', () => {
  const NOON = '2026-11-27T12:00:00+08:00';

  it.each(titled([
    { when: 'an item valid from noon is skipped at 11:59', over: { validFrom: NOON }, local: '2026-11-27T11:59', kept: false },
    { when: 'an item valid from noon plays at noon', over: { validFrom: NOON }, local: '2026-11-27T12:00', kept: true },
    { when: 'an item valid until noon plays at 11:59', over: { validUntil: NOON }, local: '2026-11-27T11:59', kept: true },
    { when: 'an item valid until noon is skipped at noon', over: { validUntil: NOON }, local: '2026-11-27T12:00', kept: false },
    {
      when: 'an item valid for one week plays inside it',
      over: { validFrom: '2026-11-23T00:00:00+08:00', validUntil: '2026-11-30T00:00:00+08:00' },
      local: '2026-11-27T11:30',
      kept: true,
    },
    {
      when: 'an item whose week is over is skipped',
      over: { validFrom: '2026-11-16T00:00:00+08:00', validUntil: '2026-11-23T00:00:00+08:00' },
      local: '2026-11-27T11:30',
      kept: false,
    },
    { when: 'validity written in UTC is the same instant: valid from 04:00Z plays at 12:00 in the mall', over: { validFrom: '2026-11-27T04:00:00Z' }, local: '2026-11-27T12:00', kept: true },
  ], (r) => r.when))('%s', (_, { over, local, kept }) => {
    const playlists = [playlist(DEFAULT_LIST, [D1.id, item(D2.id, over)])];
    expect(names(resolvePlayback(schedule({ playlists }), instant(local)))).toEqual(kept ? ['D1', 'D2'] : ['D1']);
  });

  it('skips an item whose content is missing and keeps the rest in order', () => {
    const playlists = [playlist(DEFAULT_LIST, [D1.id, 999, D2.id])];
    expect(names(resolvePlayback(schedule({ playlists }), FRIDAY_1130))).toEqual(['D1', 'D2']);
  });

  it('skips expired items in a live entry\'s playlist too', () => {
    const playlists = [...PLAYLISTS.filter((p) => p.id !== A_LIST), playlist(A_LIST, [A[0]!.id, item(A[1]!.id, { validUntil: '2026-11-27T00:00:00+08:00' }), A[2]!.id])];
    const plan = resolvePlayback(schedule({ playlists, entries: [entry({ id: 1, playlistId: A_LIST })] }), FRIDAY_1130);
    expect(names(plan)).toEqual(['A1', 'A3']);
  });

  it.each(titled([
    { when: 'a video plays its own length even when the item sets a duration', kind: 'video' as const, contentMs: 30_000, itemMs: 5000, plays: 30_000 },
    { when: 'a video with no item duration plays its own length', kind: 'video' as const, contentMs: 30_000, itemMs: null, plays: 30_000 },
    { when: 'an image plays the item\'s duration when it sets one', kind: 'image' as const, contentMs: 8000, itemMs: 5000, plays: 5000 },
    { when: 'an image plays the content\'s duration when the item sets none', kind: 'image' as const, contentMs: 8000, itemMs: null, plays: 8000 },
    { when: 'a text plays the item\'s duration when it sets one', kind: 'text' as const, contentMs: 10_000, itemMs: 15_000, plays: 15_000 },
    { when: 'a QR code plays the content\'s duration when the item sets none', kind: 'qr' as const, contentMs: 12_000, itemMs: null, plays: 12_000 },
    { when: 'a web page plays the item\'s duration when it sets one', kind: 'web' as const, contentMs: 20_000, itemMs: 60_000, plays: 60_000 },
  ], (r) => r.when))('%s', (_, { kind, contentMs, itemMs, plays }) => {
    const subject = content(500, 'X', kind, contentMs);
    const plan = resolvePlayback(schedule({ contents: [subject], playlists: [playlist(DEFAULT_LIST, [item(500, { durationMs: itemMs })])] }), FRIDAY_1130);
    expect(loopOf(plan).items).toEqual([{ content: subject, durationMs: plays, entryId: null }]);
  });
});

describe('interrupts taking their share of voice', () => {
  /** Content ids 201… : interrupt items of the given lengths. */
  function interruptSchedule(loopMs: number[], interruptMs: number[], sharePct: number): ScreenSchedule {
    const loop = loopMs.map((ms, i) => content(301 + i, `L${i + 1}`, 'image', ms));
    const interrupt = interruptMs.map((ms, i) => content(201 + i, `I${i + 1}`, 'image', ms));
    return schedule({
      contents: [...loop, ...interrupt],
      playlists: [playlist(DEFAULT_LIST, loop.map((c) => c.id)), playlist(I_LIST, interrupt.map((c) => c.id))],
      entries: [entry({ id: 90, playlistId: I_LIST, sharePct })],
    });
  }

  const eights = (n: number) => Array.from({ length: n }, () => 8000);

  /*
   * Tolerance: the plan can only hold whole interrupt items, so the interrupt's time can
   * miss the time that gives exactly sharePct (wantedMs = loopMs × p / (100 − p)) by at most
   * half of one interrupt item. For 8 s items in a 10 × 8 s loop at 20 %, wanted is 20 s and
   * the nearest whole counts are 16 s and 24 s: the share lands within 16/96 … 24/104, i.e.
   * within 3.4 percentage points of 20 %.
   */
  it.each(titled([
    { when: 'a 20% interrupt of 8 s items in a ten-item loop of 8 s items', loop: eights(10), interrupt: [8000], pct: 20 },
    { when: 'a 10% interrupt of 8 s items in a ten-item loop of 8 s items', loop: eights(10), interrupt: [8000], pct: 10 },
    { when: 'a 50% interrupt of 8 s items in a ten-item loop of 8 s items', loop: eights(10), interrupt: [8000], pct: 50 },
    { when: 'a 25% interrupt of 5 s items in a loop of six 10 s items', loop: Array.from({ length: 6 }, () => 10_000), interrupt: [5000], pct: 25 },
    { when: 'a 33% interrupt alternating 4 s and 12 s items in a nine-item loop of 8 s items', loop: eights(9), interrupt: [4000, 12_000], pct: 33 },
    { when: 'a 15% interrupt of 8 s items in a loop of mixed lengths', loop: [8000, 30_000, 5000, 15_000, 8000, 8000, 60_000, 10_000], interrupt: [8000], pct: 15 },
  ], (r) => `${r.when} takes close to its share of the loop's time`))('%s', (_, { loop, interrupt, pct }) => {
    const { items } = loopOf(resolvePlayback(interruptSchedule(loop, interrupt, pct), FRIDAY_1130));
    const inserted = items.filter((i) => i.entryId === 90);
    const loopMs = sumMs(items.filter((i) => i.entryId === null));
    const insertedMs = sumMs(inserted);
    const wantedMs = (loopMs * pct) / (100 - pct);
    const halfItemMs = Math.max(...interrupt) / 2;

    expect(loopMs).toBe(loop.reduce((sum, ms) => sum + ms, 0));
    expect(inserted.length).toBeGreaterThanOrEqual(1);
    expect(Math.abs(insertedMs - wantedMs)).toBeLessThanOrEqual(halfItemMs);
    // The same bound as a share: |ins/(L+ins) − w/(L+w)| = L·|ins − w| / ((L+ins)(L+w)) ≤ half an item / (L+ins).
    const share = insertedMs / (loopMs + insertedMs);
    expect(Math.abs(share - pct / 100)).toBeLessThanOrEqual(halfItemMs / (loopMs + insertedMs) + 1e-9);
  });

  it('gives a 20% interrupt of 8 s items about a fifth of a ten-item loop of 8 s items', () => {
    const { items } = loopOf(resolvePlayback(interruptSchedule(eights(10), [8000], 20), FRIDAY_1130));
    const share = sumMs(items.filter((i) => i.entryId === 90)) / sumMs(items);
    // One 8 s item either way moves the share by about 7 points; half of that is the most it may miss by.
    expect(Math.abs(share - 0.2)).toBeLessThanOrEqual(0.035);
  });

  it('keeps every loop item, in order, once', () => {
    const { items } = loopOf(resolvePlayback(interruptSchedule(eights(10), [8000], 20), FRIDAY_1130));
    expect(items.filter((i) => i.entryId === null).map((i) => i.content.name)).toEqual(L.map((c) => c.name));
  });

  it('cycles through the interrupt playlist in order', () => {
    const plan = resolvePlayback(interruptSchedule(eights(10), [8000, 8000], 30), FRIDAY_1130);
    const inserted = loopOf(plan).items.filter((i) => i.entryId === 90).map((i) => i.content.name);
    expect(inserted.length).toBeGreaterThanOrEqual(3);
    expect(inserted).toEqual(inserted.map((_, k) => (k % 2 === 0 ? 'I1' : 'I2')));
  });

  it.each(titled([
    { loops: 10, pct: 20 },
    { loops: 10, pct: 30 },
    { loops: 10, pct: 10 },
    { loops: 7, pct: 25 },
    { loops: 12, pct: 40 },
    { loops: 9, pct: 50 },
  ], (r) => `spreads a ${r.pct}% interrupt evenly through a ${r.loops}-item loop, not all at the end`))('%s', (_, { loops, pct }) => {
    const { items } = loopOf(resolvePlayback(interruptSchedule(eights(loops), [8000], pct), FRIDAY_1130));
    // Loop items played before each insert; the run after the last insert wraps round to the next pass.
    const runs: number[] = [];
    let run = 0;
    for (const i of items) {
      if (i.entryId === null) run++;
      else {
        runs.push(run);
        run = 0;
      }
    }
    expect(runs.length).toBeGreaterThanOrEqual(1);
    runs[0] = (runs[0] ?? 0) + run;
    const even = loops / runs.length;
    for (const r of runs) {
      expect(r).toBeGreaterThanOrEqual(Math.floor(even));
      expect(r).toBeLessThanOrEqual(Math.ceil(even));
    }
  });

  it('places two inserts in a ten-item loop in the middle of each half: after the third and the eighth item', () => {
    const plan = resolvePlayback(interruptSchedule(eights(10), [8000, 8000], 20), FRIDAY_1130);
    expect(names(plan)).toEqual(['L1', 'L2', 'L3', 'I1', 'L4', 'L5', 'L6', 'L7', 'L8', 'I2', 'L9', 'L10']);
  });

  it('inserts at least one item however small the share', () => {
    const plan = resolvePlayback(interruptSchedule(eights(10), [8000], 1), FRIDAY_1130);
    expect(loopOf(plan).items.filter((i) => i.entryId === 90)).toHaveLength(1);
  });

  it('gives a 75% interrupt about three quarters of a short loop', () => {
    // A four-item loop of 8 s wants 96 s of interrupt (twelve 8 s items) for a 75% share.
    const { items } = loopOf(resolvePlayback(interruptSchedule(eights(4), [8000], 75), FRIDAY_1130));
    const share = sumMs(items.filter((i) => i.entryId === 90)) / sumMs(items);
    // Half of one 8 s item over a loop of 128 s is about 3 points; allow 5.
    expect(Math.abs(share - 0.75), `the interrupt holds ${(share * 100).toFixed(1)}% of the loop`).toBeLessThanOrEqual(0.05);
  });

  it('gives two live interrupts each about their own share of the loop', () => {
    // Ten 8 s loop items with two 20% interrupts: each should hold about a fifth of the final loop.
    const interrupts = [content(201, 'I1'), content(202, 'J1')];
    const plan = resolvePlayback(
      schedule({
        contents: [...L, ...interrupts],
        playlists: [playlist(L_LIST, L.map((c) => c.id)), playlist(I_LIST, [201]), playlist(C_LIST, [202])],
        defaultPlaylistId: L_LIST,
        entries: [entry({ id: 90, playlistId: I_LIST, sharePct: 20, priority: 60 }), entry({ id: 91, playlistId: C_LIST, sharePct: 20, priority: 40 })],
      }),
      FRIDAY_1130,
    );
    const { items } = loopOf(plan);
    const total = sumMs(items);
    for (const id of [90, 91]) {
      const share = sumMs(items.filter((i) => i.entryId === id)) / total;
      // Half of one 8 s item over a loop of about 130 s is about 3 points.
      expect(Math.abs(share - 0.2), `entry ${id} holds ${(share * 100).toFixed(1)}% of the loop`).toBeLessThanOrEqual(0.035);
    }
  });

  it('plays the interrupt playlist on its own when the loop is empty', () => {
    const plan = resolvePlayback(schedule({ defaultPlaylistId: null, entries: [entry({ id: 90, playlistId: I_LIST, sharePct: 20 })] }), FRIDAY_1130);
    expect(plan).toEqual({
      kind: 'loop',
      items: [
        { content: I[0], durationMs: 8000, entryId: 90 },
        { content: I[1], durationMs: 8000, entryId: 90 },
      ],
      liveEntryIds: [90],
    });
  });

  it('leaves the loop unchanged when the interrupt has nothing valid to play', () => {
    const plan = resolvePlayback(schedule({ entries: [entry({ id: 90, playlistId: EMPTY_LIST, sharePct: 50 })] }), FRIDAY_1130);
    expect(names(plan)).toEqual(['D1', 'D2']);
    expect(loopOf(plan).liveEntryIds).toEqual([90]);
  });

  it('does not let an interrupt decide which replacing entry wins, however high its priority', () => {
    const entries = [
      entry({ id: 1, playlistId: A_LIST, priority: 5 }),
      entry({ id: 2, playlistId: I_LIST, priority: 100, sharePct: 20 }),
    ];
    const { items, liveEntryIds } = loopOf(resolvePlayback(schedule({ entries }), FRIDAY_1130));
    expect(items.filter((i) => i.entryId !== 2).map((i) => i.content.name)).toEqual(['A1', 'A2', 'A3']);
    expect(items.some((i) => i.entryId === 2)).toBe(true);
    expect(items.some((i) => i.entryId === null)).toBe(false);
    expect([...liveEntryIds].sort((a, b) => a - b)).toEqual([1, 2]);
  });

  it('inserts into the default loop when no replacing entry is live', () => {
    const { items, liveEntryIds } = loopOf(resolvePlayback(schedule({ entries: [entry({ id: 90, playlistId: I_LIST, sharePct: 50 })] }), FRIDAY_1130));
    expect(items.filter((i) => i.entryId === null).map((i) => i.content.name)).toEqual(['D1', 'D2']);
    expect(items.some((i) => i.entryId === 90)).toBe(true);
    expect(liveEntryIds).toEqual([90]);
  });

  it('inserts nothing while the interrupt is outside its window', () => {
    const entries = [entry({ id: 90, playlistId: I_LIST, sharePct: 50, windows: [{ start: 18 * 60, end: 21 * 60 }] })];
    const plan = resolvePlayback(schedule({ entries }), FRIDAY_1130);
    expect(names(plan)).toEqual(['D1', 'D2']);
    expect(loopOf(plan).liveEntryIds).toEqual([]);
  });
});

describe('an emergency', () => {
  const EMERGENCY: Emergency = { id: 3, message: { zh: '请立即疏散', en: 'Please evacuate now' }, since: '2026-11-27T11:25:00+08:00' };

  it.each(titled([
    { when: 'an emergency overrides the default playlist', entries: [] as ScheduleEntry[] },
    { when: 'an emergency overrides a live entry of the highest priority', entries: [entry({ id: 1, playlistId: A_LIST, priority: 100 })] },
    { when: 'an emergency overrides a live interrupt', entries: [entry({ id: 2, playlistId: I_LIST, sharePct: 90 })] },
  ], (r) => r.when))('%s', (_, { entries }) => {
    expect(resolvePlayback(schedule({ entries, emergency: EMERGENCY }), FRIDAY_1130)).toEqual({ kind: 'emergency', emergency: EMERGENCY });
  });

  it('overrides even an empty schedule', () => {
    const plan = resolvePlayback(schedule({ defaultPlaylistId: null, playlists: [], contents: [], emergency: EMERGENCY }), FRIDAY_1130);
    expect(plan).toEqual({ kind: 'emergency', emergency: EMERGENCY });
  });
});

describe('the clock the plan depends on', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('depends only on the instant it is given, not on the machine\'s clock', () => {
    const entries = [entry({ id: 1, playlistId: A_LIST, weekdays: [5], windows: [{ start: 11 * 60, end: 12 * 60 }] })];
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-29T03:00:00+08:00'));
    expect(names(resolvePlayback(schedule({ entries }), FRIDAY_1130))).toEqual(['A1', 'A2', 'A3']);
    vi.setSystemTime(FRIDAY_1130);
    expect(names(resolvePlayback(schedule({ entries }), instant('2026-11-29T03:00')))).toEqual(['D1', 'D2']);
  });

  it('judges the day in the schedule\'s own time zone', () => {
    // 2026-11-27T20:00Z is Saturday 04:00 in Shanghai but still Friday 20:00 in UTC.
    const entries = [entry({ id: 1, playlistId: A_LIST, weekdays: [6] })];
    const now = new Date('2026-11-27T20:00:00Z');
    expect(names(resolvePlayback(schedule({ entries }), now))).toEqual(['A1', 'A2', 'A3']);
    expect(names(resolvePlayback(schedule({ entries, timeZone: 'UTC' }), now))).toEqual(['D1', 'D2']);
  });
});

describe('whether a target includes a screen', () => {
  const target = (over: Partial<ScreenTarget>): ScreenTarget => ({ ...EVERY_SCREEN, ...over });

  it.each(titled([
    { when: 'an empty target includes every screen', t: target({}), screen: SCREEN, included: true },
    { when: 'an empty target includes a screen with no floor, zone or tags', t: target({}), screen: { ...SCREEN, floor: null, zone: null, tags: [] }, included: true },

    // Screen ids.
    { when: 'a target listing the screen\'s id includes it', t: target({ screenIds: ['L2-north-01'] }), screen: SCREEN, included: true },
    { when: 'a target listing only other screens\' ids excludes it', t: target({ screenIds: ['L1-south-02', 'gate-east'] }), screen: SCREEN, included: false },
    { when: 'a listed id includes the screen even when no group matches', t: target({ screenIds: ['L2-north-01'], floors: ['L3'], kinds: ['barrier'] }), screen: SCREEN, included: true },
    { when: 'an unlisted screen is still included when every group matches', t: target({ screenIds: ['gate-east'], floors: ['L2'] }), screen: SCREEN, included: true },
    { when: 'an unlisted screen is excluded when a group does not match', t: target({ screenIds: ['gate-east'], floors: ['L3'] }), screen: SCREEN, included: false },

    // Floors.
    { when: 'a floor target includes a screen on that floor', t: target({ floors: ['L2'] }), screen: SCREEN, included: true },
    { when: 'a floor target excludes a screen on another floor', t: target({ floors: ['L3'] }), screen: SCREEN, included: false },
    { when: 'several floors are alternatives (OR within a group)', t: target({ floors: ['L1', 'L2'] }), screen: SCREEN, included: true },
    { when: 'a floor target excludes a screen with no floor', t: target({ floors: ['L2'] }), screen: { ...SCREEN, floor: null }, included: false },
    { when: 'a screen with no floor is included when only its zone is targeted', t: target({ zones: ['north'] }), screen: { ...SCREEN, floor: null }, included: true },

    // Zones.
    { when: 'a zone target includes a screen in that zone', t: target({ zones: ['north'] }), screen: SCREEN, included: true },
    { when: 'a zone target excludes a screen in another zone', t: target({ zones: ['south'] }), screen: SCREEN, included: false },
    { when: 'a zone target excludes a screen with no zone', t: target({ zones: ['north'] }), screen: { ...SCREEN, zone: null }, included: false },

    // Kinds.
    { when: 'a kind target includes a screen of that kind', t: target({ kinds: ['floor'] }), screen: SCREEN, included: true },
    { when: 'a kind target excludes a screen of another kind', t: target({ kinds: ['barrier'] }), screen: SCREEN, included: false },
    { when: 'several kinds are alternatives', t: target({ kinds: ['barrier', 'floor'] }), screen: SCREEN, included: true },
    { when: 'a kiosk target excludes a floor screen', t: target({ kinds: ['kiosk'] }), screen: SCREEN, included: false },
    { when: 'a barrier target includes a barrier screen', t: target({ kinds: ['barrier'] }), screen: { ...SCREEN, kind: 'barrier' as const }, included: true },

    // Tags.
    { when: 'a tag target includes a screen with that tag', t: target({ tags: ['food'] }), screen: SCREEN, included: true },
    { when: 'a tag target excludes a screen without it', t: target({ tags: ['cinema'] }), screen: SCREEN, included: false },
    { when: 'any one of several tags is enough', t: target({ tags: ['cinema', 'entrance'] }), screen: SCREEN, included: true },
    { when: 'a tag target excludes a screen with no tags', t: target({ tags: ['food'] }), screen: { ...SCREEN, tags: [] }, included: false },

    // Groups combine with AND.
    { when: 'a floor and a zone that both match include the screen', t: target({ floors: ['L2'], zones: ['north'] }), screen: SCREEN, included: true },
    { when: 'a matching floor with a zone that does not match excludes the screen (AND between groups)', t: target({ floors: ['L2'], zones: ['south'] }), screen: SCREEN, included: false },
    { when: 'a matching zone with a floor that does not match excludes the screen', t: target({ floors: ['L1'], zones: ['north'] }), screen: SCREEN, included: false },
    { when: 'all four groups matching, each through one alternative, include the screen', t: target({ floors: ['L1', 'L2'], zones: ['south', 'north'], kinds: ['barrier', 'floor'], tags: ['cinema', 'food'] }), screen: SCREEN, included: true },
    { when: 'three groups matching and the tags not matching exclude the screen', t: target({ floors: ['L2'], zones: ['north'], kinds: ['floor'], tags: ['cinema'] }), screen: SCREEN, included: false },
    { when: 'three groups matching and the kind not matching exclude the screen', t: target({ floors: ['L2'], zones: ['north'], kinds: ['barrier'], tags: ['food'] }), screen: SCREEN, included: false },
  ], (r) => r.when))('%s', (_, { t, screen, included }) => {
    expect(targetsScreen(t, screen)).toBe(included);
  });
});
