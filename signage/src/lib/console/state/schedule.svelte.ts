import type { ScheduleEntry } from '@atrium/shared';
import type { ConsoleApi, ScheduleEntryBody } from '../api.js';

/** Schedule entries and the mall-wide default playlist. */
export class ScheduleState {
  entries = $state.raw<ScheduleEntry[]>([]);
  defaultPlaylistId = $state<number | null>(null);
  loaded = $state(false);

  readonly byId: Map<number, ScheduleEntry> = $derived(new Map(this.entries.map((e) => [e.id, e])));

  readonly #api: ConsoleApi;
  readonly #onTimeZone: (zone: string | undefined) => void;

  constructor(deps: { api: ConsoleApi; onTimeZone: (zone: string | undefined) => void }) {
    this.#api = deps.api;
    this.#onTimeZone = deps.onTimeZone;
  }

  async load(): Promise<void> {
    const [entries, settings] = await Promise.all([this.#api.listEntries(), this.#api.settings()]);
    this.entries = entries;
    this.defaultPlaylistId = settings.defaultPlaylistId;
    this.#onTimeZone(settings.timeZone);
    this.loaded = true;
  }

  async save(id: number | null, body: ScheduleEntryBody): Promise<ScheduleEntry> {
    const saved = id === null ? await this.#api.createEntry(body) : await this.#api.updateEntry(id, body);
    this.entries = id === null ? [...this.entries, saved] : this.entries.map((e) => (e.id === saved.id ? saved : e));
    return saved;
  }

  async remove(id: number): Promise<void> {
    await this.#api.deleteEntry(id);
    this.entries = this.entries.filter((e) => e.id !== id);
  }

  async setDefaultPlaylist(id: number | null): Promise<void> {
    const previous = this.defaultPlaylistId;
    this.defaultPlaylistId = id;
    try {
      const settings = await this.#api.setDefaultPlaylist(id);
      // Some hubs answer 204; keep what was asked for then.
      if (settings && 'defaultPlaylistId' in settings) this.defaultPlaylistId = settings.defaultPlaylistId;
    } catch (err) {
      this.defaultPlaylistId = previous;
      throw err;
    }
  }
}
