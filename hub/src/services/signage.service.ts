import {
  resolvePlayback,
  type ContentItem,
  targetsScreen,
  type Emergency,
  type PlaybackPlan,
  type Playlist,
  type PlaylistInput,
  type ScheduleEntry,
  type ScheduleEntryInput,
  type ScreenSchedule,
  type ScreenTarget,
} from '@atrium/shared';
import type { Database, Sql } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { EventBus } from '../platform/events.js';
import { layoutRepository } from '../repositories/layout.repository.js';
import { screensRepository, type ScreenRow } from '../repositories/screens.repository.js';
import { signageRepository, type EntryRow, type PlaylistItemRow } from '../repositories/signage.repository.js';
import { toContentItem } from './content.service.js';
import { DomainProblem } from './domain-problem.js';

export class SignageProblem extends DomainProblem<'not_found' | 'in_use' | 'invalid'> {}

const toEntry = (e: EntryRow): ScheduleEntry => ({
  id: e.id,
  name: e.name,
  playlistId: e.playlist_id,
  priority: e.priority,
  dateFrom: e.date_from,
  dateTo: e.date_to,
  weekdays: JSON.parse(e.weekdays_json) as number[],
  windows: JSON.parse(e.windows_json) as ScheduleEntry['windows'],
  sharePct: e.share_pct,
  target: JSON.parse(e.target_json) as ScreenTarget,
});

/**
 * Playlists, schedule entries, the default playlist and emergencies; and the
 * schedule document each screen plays from. Every change bumps one version
 * number and emits `signageChanged`, so the realtime layer pushes new documents
 * to the screens they affect.
 */
interface Snapshot {
  version: number;
  mallName: { zh: string; en: string };
  entries: ScheduleEntry[];
  playlists: Playlist[];
  contents: ContentItem[];
  emergency: (Emergency & { screenIds: string[] }) | null;
  defaultPlaylistId: number | null;
}

export class SignageService {
  private cached: Promise<Snapshot> | undefined;

  constructor(private readonly deps: { db: Database; clock: Clock; events: EventBus; timeZone: string }) {}

  // --- playlists
  async playlists(sql: Sql = this.deps.db): Promise<Array<Playlist & { updatedAt: string }>> {
    const items = await signageRepository.items(sql);
    return (await signageRepository.playlists(sql)).map((p) => ({
      id: p.id,
      name: p.name,
      updatedAt: p.updated_at,
      items: items.filter((i) => i.playlist_id === p.id).map((i) => ({ contentId: i.content_id, durationMs: i.duration_ms, validFrom: i.valid_from, validUntil: i.valid_until })),
    }));
  }

  async createPlaylist(input: PlaylistInput): Promise<Playlist> {
    const id = await this.change(async (sql, at) => {
      const id = await signageRepository.insertPlaylist(sql, input.name, at);
      await this.writeItems(sql, id, input, at);
      return id;
    });
    return this.playlist(id);
  }

  async updatePlaylist(id: number, input: PlaylistInput): Promise<Playlist> {
    await this.change(async (sql, at) => {
      if (!(await signageRepository.playlist(sql, id))) throw new SignageProblem('not_found', `playlist ${id} does not exist`);
      await this.writeItems(sql, id, input, at);
    });
    return this.playlist(id);
  }

  async deletePlaylist(id: number): Promise<void> {
    await this.change(async (sql) => {
      if (!(await signageRepository.playlist(sql, id))) throw new SignageProblem('not_found', `playlist ${id} does not exist`);
      const isDefault = Number(await layoutRepository.setting(sql, 'signage.default_playlist_id')) === id;
      if (isDefault || (await signageRepository.playlistInUse(sql, id)) > 0) throw new SignageProblem('in_use', 'this playlist is scheduled or a default; change that first');
      await signageRepository.deletePlaylist(sql, id);
    });
  }

  private async playlist(id: number): Promise<Playlist> {
    return (await this.playlists()).find((p) => p.id === id)!;
  }

  private async writeItems(sql: Sql, id: number, input: PlaylistInput, at: string): Promise<void> {
    const items: Omit<PlaylistItemRow, 'playlist_id' | 'position'>[] = [];
    for (const item of input.items) {
      if (!(await signageRepository.content(sql, item.contentId))) throw new SignageProblem('invalid', `items: content ${item.contentId} does not exist`);
      items.push({ content_id: item.contentId, duration_ms: item.durationMs, valid_from: item.validFrom, valid_until: item.validUntil });
    }
    await signageRepository.replacePlaylist(sql, id, input.name, items, at);
  }

  // --- schedule entries
  async entries(): Promise<ScheduleEntry[]> {
    return (await signageRepository.entries(this.deps.db)).map(toEntry);
  }

  async createEntry(input: ScheduleEntryInput): Promise<ScheduleEntry> {
    const id = await this.change(async (sql, at) => {
      await this.checkPlaylist(sql, input.playlistId);
      return signageRepository.insertEntry(sql, this.entryRow(input), at);
    });
    return toEntry((await signageRepository.entry(this.deps.db, id))!);
  }

  async updateEntry(id: number, input: ScheduleEntryInput): Promise<ScheduleEntry> {
    await this.change(async (sql, at) => {
      if (!(await signageRepository.entry(sql, id))) throw new SignageProblem('not_found', `schedule entry ${id} does not exist`);
      await this.checkPlaylist(sql, input.playlistId);
      await signageRepository.updateEntry(sql, id, this.entryRow(input), at);
    });
    return toEntry((await signageRepository.entry(this.deps.db, id))!);
  }

  async deleteEntry(id: number): Promise<void> {
    await this.change(async (sql) => {
      if (!(await signageRepository.entry(sql, id))) throw new SignageProblem('not_found', `schedule entry ${id} does not exist`);
      await signageRepository.deleteEntry(sql, id);
    });
  }

  private async checkPlaylist(sql: Sql, id: number): Promise<void> {
    if (!(await signageRepository.playlist(sql, id))) throw new SignageProblem('invalid', `playlistId: playlist ${id} does not exist`);
  }

  private entryRow(e: ScheduleEntryInput) {
    return {
      name: e.name,
      playlist_id: e.playlistId,
      priority: e.priority,
      date_from: e.dateFrom,
      date_to: e.dateTo,
      weekdays_json: JSON.stringify([...new Set(e.weekdays)].sort()),
      windows_json: JSON.stringify(e.windows),
      share_pct: e.sharePct,
      target_json: JSON.stringify(e.target),
    };
  }

  // --- settings and screens
  async defaultPlaylistId(sql: Sql = this.deps.db): Promise<number | null> {
    const raw = await layoutRepository.setting(sql, 'signage.default_playlist_id');
    return raw ? Number(raw) : null;
  }

  async setDefaultPlaylist(id: number | null): Promise<void> {
    await this.change(async (sql) => {
      if (id !== null) await this.checkPlaylist(sql, id);
      await layoutRepository.putSetting(sql, 'signage.default_playlist_id', id === null ? '' : String(id));
    });
  }

  async updateScreen(id: string, patch: { tags?: string[] | undefined; defaultPlaylistId?: number | null | undefined; floor?: string | null | undefined; zone?: string | null | undefined }): Promise<void> {
    await this.change(async (sql) => {
      const screen = await screensRepository.get(sql, id);
      if (!screen) throw new SignageProblem('not_found', `screen ${id} does not exist`);
      if (patch.defaultPlaylistId != null) await this.checkPlaylist(sql, patch.defaultPlaylistId);
      await screensRepository.updateSettings(sql, id, {
        tags_json: patch.tags === undefined ? screen.tags_json : JSON.stringify(patch.tags),
        default_playlist_id: patch.defaultPlaylistId === undefined ? screen.default_playlist_id : patch.defaultPlaylistId,
        floor: patch.floor === undefined ? screen.floor : patch.floor,
        zone: patch.zone === undefined ? screen.zone : patch.zone,
      });
    }, id);
  }

  // --- emergency
  async emergency(): Promise<(Emergency & { screenIds: string[] }) | null> {
    const row = await signageRepository.activeEmergency(this.deps.db);
    return row ? { id: row.id, message: { zh: row.message_zh, en: row.message_en }, since: row.started_at, screenIds: JSON.parse(row.screen_ids_json) as string[] } : null;
  }

  async startEmergency(input: { message: { zh: string; en: string }; screenIds: string[] }, by: string): Promise<Emergency & { screenIds: string[] }> {
    await this.change(async (sql, at) => {
      for (const id of input.screenIds) if (!(await screensRepository.get(sql, id))) throw new SignageProblem('invalid', `screenIds: unknown screen ${id}`);
      await signageRepository.startEmergency(sql, { message_zh: input.message.zh, message_en: input.message.en, screen_ids_json: JSON.stringify(input.screenIds), started_at: at, started_by: by });
    });
    return (await this.emergency())!;
  }

  async clearEmergency(): Promise<void> {
    await this.change((sql, at) => signageRepository.clearEmergency(sql, at));
  }

  // --- what a screen plays
  async version(sql: Sql = this.deps.db): Promise<number> {
    return Number((await layoutRepository.setting(sql, 'signage.version')) ?? 0);
  }

  /**
   * Everything screens share, read once per version: pushing a change to many
   * screens then costs one set of queries, not one per screen.
   */
  private snapshot(): Promise<Snapshot> {
    this.cached ??= (async () => {
      const { db } = this.deps;
      return {
        version: await this.version(),
        mallName: {
          zh: (await layoutRepository.setting(db, 'mall.name.zh')) ?? 'Atrium 购物中心',
          en: (await layoutRepository.setting(db, 'mall.name.en')) ?? 'Atrium Mall',
        },
        entries: await this.entries(),
        playlists: (await this.playlists()).map(({ updatedAt: _u, ...p }) => p),
        contents: (await signageRepository.contents(db)).map(toContentItem),
        emergency: await this.emergency(),
        defaultPlaylistId: await this.defaultPlaylistId(),
      };
    })();
    const pending = this.cached;
    pending.catch(() => {
      if (this.cached === pending) this.cached = undefined;
    });
    return pending;
  }

  async scheduleFor(screen: ScreenRow): Promise<ScreenSchedule> {
    const snap = await this.snapshot();
    const info = { id: screen.id, name: screen.name, kind: screen.kind, floor: screen.floor, zone: screen.zone, tags: JSON.parse(screen.tags_json) as string[], mallName: snap.mallName };
    const entries = snap.entries.filter((e) => targetsScreen(e.target, info));
    const defaultPlaylistId = screen.default_playlist_id ?? snap.defaultPlaylistId;
    const wanted = new Set<number>([...entries.map((e) => e.playlistId), ...(defaultPlaylistId !== null ? [defaultPlaylistId] : [])]);
    const playlists = snap.playlists.filter((p) => wanted.has(p.id));
    const contentIds = new Set(playlists.flatMap((p) => p.items.map((i) => i.contentId)));
    const contents = snap.contents.filter((c) => contentIds.has(c.id));
    const active = snap.emergency;
    const emergency = active && (active.screenIds.length === 0 || active.screenIds.includes(screen.id)) ? { id: active.id, message: active.message, since: active.since } : null;
    return { version: snap.version, screen: info, timeZone: this.deps.timeZone, defaultPlaylistId, playlists, contents, entries, emergency };
  }

  async preview(screenId: string, at: Date): Promise<{ plan: PlaybackPlan; schedule: ScreenSchedule }> {
    const screen = await screensRepository.get(this.deps.db, screenId);
    if (!screen) throw new SignageProblem('not_found', `screen ${screenId} does not exist`);
    const schedule = await this.scheduleFor(screen);
    return { plan: resolvePlayback(schedule, at), schedule };
  }

  /** Runs one change in a transaction with the version bump, then tells the realtime layer. */
  private async change<T>(work: (sql: Sql, at: string) => Promise<T>, screenId?: string): Promise<T> {
    const at = this.deps.clock.now().toISOString();
    const result = await this.deps.db.transaction(async (sql) => {
      const value = await work(sql, at);
      await layoutRepository.putSetting(sql, 'signage.version', String((await this.version(sql)) + 1));
      return value;
    });
    this.cached = undefined;
    this.deps.events.emit('signageChanged', screenId ? { at, screenId } : { at });
    return result;
  }
}
