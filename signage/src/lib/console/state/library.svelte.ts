import type { ContentItem } from '@atrium/shared';
import type { ConsoleApi, CreateContentBody, LibraryItem } from '../api.js';

export interface Upload {
  key: number;
  name: string;
  progress: number;
}

/** The content library: the list, and creating or uploading into it. */
export class LibraryState {
  items = $state.raw<LibraryItem[]>([]);
  loaded = $state(false);
  /** Files on their way up, for progress bars. */
  uploads = $state<Upload[]>([]);

  readonly byId: Map<number, LibraryItem> = $derived(new Map(this.items.map((c) => [c.id, c])));

  readonly #api: ConsoleApi;
  #uploadSeq = 0;

  constructor(deps: { api: ConsoleApi }) {
    this.#api = deps.api;
  }

  async load(): Promise<void> {
    this.items = await this.#api.listContent();
    this.loaded = true;
  }

  /** A content id as the player reports it ("content:12") → the library item, if known. */
  playing(ref: string | null): LibraryItem | null {
    const m = ref ? /^content:(\d+)$/.exec(ref) : null;
    return m ? (this.byId.get(Number(m[1])) ?? null) : null;
  }

  async create(body: CreateContentBody): Promise<ContentItem> {
    const created = await this.#api.createContent(body);
    await this.load();
    return created;
  }

  async upload(file: File, fields: { name: string; durationMs: number }): Promise<ContentItem> {
    const upload: Upload = { key: ++this.#uploadSeq, name: fields.name, progress: 0 };
    this.uploads.push(upload);
    const tracked = this.uploads[this.uploads.length - 1]!;
    try {
      const created = await this.#api.uploadContent(file, fields, (p) => (tracked.progress = p));
      await this.load();
      return created;
    } finally {
      this.uploads = this.uploads.filter((u) => u.key !== upload.key);
    }
  }

  async remove(id: number): Promise<void> {
    await this.#api.deleteContent(id);
    this.items = this.items.filter((c) => c.id !== id);
  }
}
