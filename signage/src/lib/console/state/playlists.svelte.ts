import type { ConsoleApi, PlaylistBody, PlaylistRow } from '../api.js';

export class PlaylistsState {
  items = $state.raw<PlaylistRow[]>([]);
  loaded = $state(false);

  readonly byId: Map<number, PlaylistRow> = $derived(new Map(this.items.map((p) => [p.id, p])));

  readonly #api: ConsoleApi;

  constructor(deps: { api: ConsoleApi }) {
    this.#api = deps.api;
  }

  async load(): Promise<void> {
    this.items = await this.#api.listPlaylists();
    this.loaded = true;
  }

  /** Creates when `id` is null; returns the stored playlist. */
  async save(id: number | null, body: PlaylistBody): Promise<PlaylistRow> {
    const saved = id === null ? await this.#api.createPlaylist(body) : await this.#api.updatePlaylist(id, body);
    const rest = this.items.filter((p) => p.id !== saved.id);
    this.items = id === null ? [...rest, saved] : this.items.map((p) => (p.id === saved.id ? saved : p));
    return saved;
  }

  async remove(id: number): Promise<void> {
    await this.#api.deletePlaylist(id);
    this.items = this.items.filter((p) => p.id !== id);
  }
}
