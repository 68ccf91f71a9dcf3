import type { ActiveEmergency, ConsoleApi, EmergencyBody } from '../api.js';

const POLL_MS = 15_000;

/** The emergency broadcast, kept fresh while signed in: its banner tops every page. */
export class EmergencyState {
  active = $state.raw<ActiveEmergency | null>(null);

  readonly #api: ConsoleApi;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(deps: { api: ConsoleApi }) {
    this.#api = deps.api;
  }

  async load(): Promise<void> {
    this.active = (await this.#api.emergency()) ?? null;
  }

  /** Another staff member may start or end one: poll while the console is open. */
  watch(): () => void {
    clearInterval(this.#timer);
    this.#timer = setInterval(() => void this.load().catch(() => undefined), POLL_MS);
    return () => clearInterval(this.#timer);
  }

  async send(body: EmergencyBody): Promise<void> {
    this.active = await this.#api.startEmergency(body);
    // An answer without the row (e.g. 201 with no body) still means it is on: read it back.
    if (!this.active) await this.load();
  }

  async clear(): Promise<void> {
    await this.#api.clearEmergency();
    this.active = null;
  }
}
