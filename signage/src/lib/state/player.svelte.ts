import type { ScheduleItem, ScreenOffer, ScreenSchedule } from '@atrium/shared';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';
export type ScreenKind = ScreenSchedule['screen']['kind'];

/** Shorter items would flicker, and a 0 ms duration would spin the loop. */
const MIN_ITEM_MS = 2_000;
/** An offer must be readable from a moving car, however short its ttl. */
const MIN_OFFER_MS = 1_000;
/** setTimeout fires at once past 2^31-1 ms; an hour also stops a bad ttl from pinning an offer. */
const MAX_OFFER_MS = 60 * 60 * 1_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

const clamp = (ms: number, min: number, max: number) =>
  Number.isFinite(ms) ? Math.min(Math.max(ms, min), max) : min;

/**
 * Everything the screen player shows, and the timers that move it on.
 *
 * The loop rotates schedule items by their `durationMs`; an offer pauses it and covers the
 * screen until its ttl runs out (a newer offer replaces it); then the loop resumes on the
 * item it was showing. Nothing here knows about the socket: `screen-socket.ts` feeds it.
 */
export class PlayerState {
  readonly deviceId: string;

  connection = $state<ConnectionStatus>('connecting');
  /** Why the screen is not connected, for the indicator's tooltip; never shown large. */
  connectionProblem = $state<string | null>(null);

  // Server-sent objects are replaced whole, never mutated: raw state skips the deep proxy.
  schedule = $state.raw<ScreenSchedule | null>(null);
  index = $state(0);
  offer = $state.raw<ScreenOffer | null>(null);
  /** While set, the screen shows its own name big so an installer can find it. */
  identifying = $state.raw<{ name: string; deviceId: string } | null>(null);

  readonly kind: ScreenKind = $derived(this.schedule?.screen.kind ?? 'floor');
  readonly currentItem: ScheduleItem | null = $derived.by(() => {
    const items = this.schedule?.items ?? [];
    return items.length > 0 ? (items[this.index % items.length] ?? null) : null;
  });

  #loopTimer: ReturnType<typeof setTimeout> | undefined;
  #offerTimer: ReturnType<typeof setTimeout> | undefined;
  #identifyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(deviceId: string) {
    this.deviceId = deviceId;
  }

  setConnected(): void {
    this.connection = 'connected';
    this.connectionProblem = null;
  }

  /** The loop keeps playing: a lost hub must never blank the screen. */
  setDisconnected(problem: string | null = null): void {
    this.connection = 'disconnected';
    this.connectionProblem = problem;
  }

  /**
   * A schedule arrives on every (re)connect and on every change. Keep showing the current
   * item if it is still in the new schedule, so a reconnect does not restart the loop.
   */
  setSchedule(next: ScreenSchedule): void {
    const currentId = this.currentItem?.id;
    const keep = currentId === undefined ? -1 : next.items.findIndex((item) => item.id === currentId);
    this.schedule = next;
    if (keep >= 0 && this.#loopTimer !== undefined) {
      this.index = keep;
      return;
    }
    this.index = Math.max(keep, 0);
    this.#restartLoop();
  }

  /** Show an offer over the loop; a newer one replaces the current one and its timer. */
  showOffer(offer: ScreenOffer): void {
    clearTimeout(this.#offerTimer);
    this.#stopLoop();
    this.offer = offer;
    this.#offerTimer = setTimeout(() => this.clearOffer(offer.id), clamp(offer.ttlMs, MIN_OFFER_MS, MAX_OFFER_MS));
  }

  /** Remove the offer (only `id`'s, when given, so a late timer cannot drop a newer offer). */
  clearOffer(id?: string): void {
    if (!this.offer || (id !== undefined && this.offer.id !== id)) return;
    clearTimeout(this.#offerTimer);
    this.#offerTimer = undefined;
    this.offer = null;
    this.#restartLoop();
  }

  identify(durationMs: number): void {
    clearTimeout(this.#identifyTimer);
    this.identifying = { name: this.schedule?.screen.name ?? this.deviceId, deviceId: this.deviceId };
    this.#identifyTimer = setTimeout(() => {
      this.identifying = null;
    }, clamp(durationMs, MIN_OFFER_MS, MAX_OFFER_MS));
  }

  /** What proof of play reports: the loop item on screen, or nothing while an offer covers it. */
  get playing(): string | undefined {
    return this.offer ? undefined : this.currentItem?.id;
  }

  dispose(): void {
    this.#stopLoop();
    clearTimeout(this.#offerTimer);
    clearTimeout(this.#identifyTimer);
  }

  #stopLoop(): void {
    clearTimeout(this.#loopTimer);
    this.#loopTimer = undefined;
  }

  #restartLoop(): void {
    this.#stopLoop();
    const count = this.schedule?.items.length ?? 0;
    const item = this.currentItem;
    if (this.offer || !item || count < 2) return;
    this.#loopTimer = setTimeout(() => {
      this.#loopTimer = undefined;
      // Count again: a schedule may have arrived since this timer was set.
      this.index = (this.index + 1) % Math.max(this.schedule?.items.length ?? 1, 1);
      this.#restartLoop();
    }, clamp(item.durationMs, MIN_ITEM_MS, MAX_TIMER_MS));
  }
}
