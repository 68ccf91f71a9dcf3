import type { ConsoleApi, PlaysBucket, PlaysSummary } from '../api.js';
import { addDays, instantAt, wallTime } from '../time.js';

/** Mall days, YYYY-MM-DD, both ends included. */
export interface DayRange {
  from: string;
  to: string;
}

const DEFAULT_DAYS = 7;
const isDay = (day: string) => /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`));

/** By plays, most first; equal counts by time on screen, then by key so the order is stable. */
function byPlays<K extends string | number>(buckets: ReadonlyArray<PlaysBucket<K>>): Array<PlaysBucket<K>> {
  return buckets.toSorted((a, b) => b.plays - a.plays || b.seconds - a.seconds || String(a.key).localeCompare(String(b.key), 'en', { numeric: true }));
}

const total = (buckets: ReadonlyArray<PlaysBucket<unknown>>) =>
  buckets.reduce((sum, b) => ({ plays: sum.plays + b.plays, seconds: sum.seconds + b.seconds }), { plays: 0, seconds: 0 });

/**
 * Proof of play: how often each content item, screen and hour was on air over a range of mall
 * days. The pickers (`from`, `to`) and the summary last read (`summary`, for `shown`) are kept
 * apart, so the tables and their CSV files always describe the same range.
 */
export class PlaysState {
  /** The days picked; '' until the first visit sets the default week. */
  from = $state('');
  to = $state('');
  summary = $state.raw<PlaysSummary | null>(null);
  /** The range `summary` was read for. */
  shown = $state.raw<DayRange | null>(null);
  busy = $state(false);

  readonly rangeOk = $derived(isDay(this.from) && isDay(this.to) && this.from <= this.to);
  readonly byContent: Array<PlaysBucket<number>> = $derived(byPlays(this.summary?.byContent ?? []));
  readonly byScreen: Array<PlaysBucket<string>> = $derived(byPlays(this.summary?.byScreen ?? []));
  /** Chronological: the hub's keys are UTC 'YYYY-MM-DDTHH', which sort as text. */
  readonly byHour: Array<PlaysBucket<string>> = $derived((this.summary?.byHour ?? []).toSorted((a, b) => a.key.localeCompare(b.key)));
  readonly totals = $derived({ content: total(this.byContent), screen: total(this.byScreen), hour: total(this.byHour) });

  readonly #api: ConsoleApi;
  readonly #timeZone: () => string;
  readonly #onTimeZone: (zone: string | undefined) => void;
  #seq = 0;

  constructor(deps: { api: ConsoleApi; timeZone: () => string; onTimeZone: (zone: string | undefined) => void }) {
    this.#api = deps.api;
    this.#timeZone = deps.timeZone;
    this.#onTimeZone = deps.onTimeZone;
  }

  /** The last 7 days on the mall's calendar, today included. */
  lastWeek(): void {
    const today = wallTime(new Date(), this.#timeZone()).day;
    this.from = addDays(today, 1 - DEFAULT_DAYS);
    this.to = today;
  }

  /**
   * Opening the page: the first time, learn the mall's zone from the hub before picking the
   * default week (the browser may sit elsewhere); later, reload the range picked before.
   */
  async open(): Promise<void> {
    if (!this.rangeOk) {
      const settings = await this.#api.settings();
      this.#onTimeZone(settings.timeZone);
      this.lastWeek();
    }
    await this.load();
  }

  /** Reads the picked range: mall midnight of `from` up to (not including) mall midnight after `to`. */
  async load(): Promise<void> {
    if (!this.rangeOk) throw new RangeError(`from/to: ${this.from} – ${this.to}`);
    const range: DayRange = { from: this.from, to: this.to };
    const zone = this.#timeZone();
    const seq = ++this.#seq;
    this.busy = true;
    try {
      const summary = await this.#api.playsSummary(instantAt(range.from, 0, zone), instantAt(addDays(range.to, 1), 0, zone));
      // A slower, older answer must not replace a newer one.
      if (seq !== this.#seq) return;
      this.summary = summary;
      this.shown = range;
    } finally {
      if (seq === this.#seq) this.busy = false;
    }
  }
}
