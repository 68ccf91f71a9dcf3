import type { CreateScreen } from '@atrium/shared';
import type { ConsoleApi, GateRow, ScreenRow, ScreenSettingsBody } from '../api.js';

const POLL_MS = 10_000;

/** Screens with their live status (polled while a page that shows it is open), and gates for barrier displays. */
export class ScreensState {
  items = $state.raw<ScreenRow[]>([]);
  gates = $state.raw<GateRow[]>([]);
  loaded = $state(false);

  readonly byId: Map<string, ScreenRow> = $derived(new Map(this.items.map((s) => [s.id, s])));
  readonly onlineCount = $derived(this.items.filter((s) => s.online).length);
  readonly floors: string[] = $derived(distinct(this.items.map((s) => s.floor)));
  readonly zones: string[] = $derived(distinct(this.items.map((s) => s.zone)));
  readonly tags: string[] = $derived(distinct(this.items.flatMap((s) => s.tags)));

  readonly #api: ConsoleApi;
  #pollers = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(deps: { api: ConsoleApi }) {
    this.#api = deps.api;
  }

  async load(): Promise<void> {
    this.items = await this.#api.listScreens();
    this.loaded = true;
  }

  async loadGates(): Promise<void> {
    this.gates = await this.#api.listGates();
  }

  /** Refresh every 10 s while at least one caller wants it; returns the stop function. */
  poll(): () => void {
    this.#pollers++;
    if (this.#pollers === 1) this.#timer = setInterval(() => void this.load().catch(() => undefined), POLL_MS);
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      if (--this.#pollers === 0) clearInterval(this.#timer);
    };
  }

  async register(body: CreateScreen): Promise<{ id: string; token: string }> {
    const created = await this.#api.registerScreen(body);
    await this.load();
    return created;
  }

  async update(id: string, body: ScreenSettingsBody): Promise<void> {
    await this.#api.updateScreen(id, body);
    await this.load();
  }

  command(id: string, name: 'reload' | 'identify'): Promise<unknown> {
    return this.#api.commandScreen(id, name);
  }
}

function distinct(values: Array<string | null>): string[] {
  return [...new Set(values.filter((v): v is string => v !== null && v !== ''))].sort((a, b) => a.localeCompare(b, 'zh-CN', { numeric: true }));
}
