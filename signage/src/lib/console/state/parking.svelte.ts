import type { ParkingOccupancy } from '@atrium/shared';
import type { ConsoleApi, ParkingGate, ParkingSession, ParkingSummary } from '../api.js';
import { mergeAlerts } from '../parking.js';

const POLL_MS = 15_000;

/**
 * The car park for the service desk: today's numbers, spaces per zone, gates, cars inside and
 * the ones that need a look, re-read every 15 s while the page is open. Plates only ever
 * arrive masked; a search sends the full plate typed by staff and the hub matches its hash.
 */
export class ParkingState {
  summary = $state.raw<ParkingSummary | null>(null);
  occupancy = $state.raw<ParkingOccupancy | null>(null);
  gates = $state.raw<ParkingGate[]>([]);
  /** Every car inside now. */
  inside = $state.raw<ParkingSession[]>([]);
  /** The hub's alerts: long stays and flagged sessions. */
  flagged = $state.raw<ParkingSession[]>([]);
  /** The plate searched for (null: no search) and the cars it found. */
  searched = $state<string | null>(null);
  found = $state.raw<ParkingSession[] | null>(null);
  loaded = $state(false);
  busy = $state(false);
  /** When the numbers on screen were read (ms since epoch). */
  updatedAt = $state<number | null>(null);

  /** What the sessions table shows: the search's answer, or every car inside. */
  readonly sessions: ParkingSession[] = $derived(this.found ?? this.inside);
  /** The hub's alerts, plus low-confidence reads among the cars inside. */
  readonly alerts: ParkingSession[] = $derived(mergeAlerts(this.flagged, this.inside.filter((s) => s.lowConfidence)));
  readonly zoneNames: Map<string, string> = $derived(new Map((this.occupancy?.zones ?? []).map((z) => [z.zone, z.name])));
  readonly gateNames: Map<string, string> = $derived(new Map(this.gates.map((g) => [g.id, g.name])));

  readonly #api: ConsoleApi;
  #seq = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(deps: { api: ConsoleApi }) {
    this.#api = deps.api;
  }

  /** Reads everything at once, the search included, so the page never mixes two moments. */
  async load(): Promise<void> {
    const seq = ++this.#seq;
    const plate = this.searched;
    this.busy = true;
    try {
      const [summary, occupancy, gates, inside, flagged, found] = await Promise.all([
        this.#api.parkingSummary(),
        this.#api.parkingOccupancy(),
        this.#api.parkingGates(),
        this.#api.parkingSessions(),
        this.#api.parkingAlerts(),
        plate === null ? Promise.resolve(null) : this.#api.parkingSessions(plate),
      ]);
      // A slower, older answer must not replace a newer one.
      if (seq !== this.#seq) return;
      this.summary = summary;
      this.occupancy = occupancy;
      this.gates = gates;
      this.inside = inside;
      this.flagged = flagged;
      this.found = found;
      this.updatedAt = Date.now();
      this.loaded = true;
    } finally {
      if (seq === this.#seq) this.busy = false;
    }
  }

  /** Finds a car by its full plate; an empty plate shows every car again. */
  async search(plate: string): Promise<void> {
    const wanted = plate.trim();
    this.searched = wanted === '' ? null : wanted;
    if (this.searched === null) this.found = null;
    await this.load();
  }

  /** Forgets the search without reading anything (the page is closing). */
  endSearch(): void {
    this.#seq++;
    this.busy = false;
    this.searched = null;
    this.found = null;
  }

  /** Re-reads every 15 s until the returned stop is called (a failed tick waits for the next). */
  poll(): () => void {
    clearInterval(this.#timer);
    const timer = setInterval(() => {
      if (!this.busy) void this.load().catch(() => undefined);
    }, POLL_MS);
    this.#timer = timer;
    return () => clearInterval(timer);
  }
}
