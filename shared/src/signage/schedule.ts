import type { Localized } from '../socket/screen.events.js';

/**
 * Signage contract: what a player receives over `/screen` and resolves by itself
 * with the mall's clock (so dayparts switch on time even when the hub is away).
 */
export type ContentKind = 'image' | 'video' | 'text' | 'qr' | 'web';

export interface ContentAsset {
  /** Served by the hub, content-addressed: `/assets/<sha256>`. */
  url: string;
  sha256: string;
  mime: string;
  bytes: number;
}

export interface ContentItem {
  id: number;
  kind: ContentKind;
  name: string;
  /** Default time on screen; a video's is its own length. */
  durationMs: number;
  asset?: ContentAsset;
  text?: { title: Localized; body: Localized; priceFen?: number | null; store?: Localized | null };
  qr?: { target: string; dataUrl: string; caption: Localized };
  web?: { url: string };
}

export interface PlaylistItem {
  contentId: number;
  /** Null: the content's own duration. */
  durationMs: number | null;
  validFrom: string | null;
  validUntil: string | null;
}

export interface Playlist {
  id: number;
  name: string;
  items: PlaylistItem[];
}

/** Minutes since the mall's midnight, [start, end); end before start runs across midnight. */
export interface TimeWindow {
  start: number;
  end: number;
}

export interface ScreenTarget {
  /** Empty everywhere: every screen. Otherwise a screen matches any listed id, or every non-empty group list. */
  screenIds: string[];
  floors: string[];
  zones: string[];
  kinds: Array<'floor' | 'barrier' | 'kiosk'>;
  tags: string[];
}

export interface ScheduleEntry {
  id: number;
  name: string;
  playlistId: number;
  priority: number;
  /** Mall days, inclusive; null: open-ended. */
  dateFrom: string | null;
  dateTo: string | null;
  /** 1 = Monday … 7 = Sunday; empty: every day. */
  weekdays: number[];
  /** Empty: all day. */
  windows: TimeWindow[];
  /** Null: the entry replaces the loop. 1–90: an interrupt taking this share of each loop's time. */
  sharePct: number | null;
  target: ScreenTarget;
}

export interface Emergency {
  id: number;
  message: Localized;
  since: string;
}

export interface ScreenInfo {
  id: string;
  name: string;
  kind: 'floor' | 'barrier';
  floor: string | null;
  zone: string | null;
  tags: string[];
  mallName: Localized;
}

/** Everything one screen needs to play on its own until the next version arrives. */
export interface ScreenSchedule {
  version: number;
  screen: ScreenInfo;
  timeZone: string;
  defaultPlaylistId: number | null;
  playlists: Playlist[];
  contents: ContentItem[];
  /** Only the entries that target this screen. */
  entries: ScheduleEntry[];
  emergency: Emergency | null;
}

export interface PlannedItem {
  content: ContentItem;
  durationMs: number;
  /** The schedule entry it came from; null for the default playlist. */
  entryId: number | null;
}

export type PlaybackPlan =
  | { kind: 'emergency'; emergency: Emergency }
  | { kind: 'loop'; items: PlannedItem[]; liveEntryIds: number[] };
