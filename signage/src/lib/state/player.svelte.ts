import type { ContentItem, Emergency, Localized, ParkingOccupancy, PlannedItem, PlaybackPlan, ScreenOffer, ScreenSchedule } from '@atrium/shared';
// A relative import on purpose: the package entry re-exports the zod schemas, and the
// resolver (pure, no zod) is all the player needs at run time. See docs in the file.
import { resolvePlayback } from '../../../../shared/src/signage/resolve.js';
import { newId, type PlayRecord } from '../player-store.js';
import { AssetPreloader } from '../preload.js';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';
export type ScreenKind = ScreenSchedule['screen']['kind'];
export interface ContentProblem {
  contentId: number;
  reason: string;
}

/** One item on screen: `key` names this showing (for its element's events and proof of play). */
export interface OnScreen {
  key: number;
  /** Same for consecutive showings of one still item, so repeating it does not flash. */
  viewKey: string;
  item: PlannedItem;
  startedAt: number;
}

export interface PlayerDeps {
  /** Where finished plays go (the IndexedDB queue); offers and the idle card are not plays. */
  recordPlay?: (play: PlayRecord) => void;
  preloader?: AssetPreloader;
  now?: () => number;
}

/** Shorter items would flicker, and a 0 ms duration would spin the loop. */
const MIN_ITEM_MS = 2_000;
/** A video ends on its `ended` event; this only rescues one that stalls. */
const VIDEO_GRACE_MS = 10_000;
/** An offer must be readable from a moving car, however short its ttl. */
const MIN_OFFER_MS = 1_000;
/** setTimeout fires at once past 2^31-1 ms; an hour also stops a bad ttl from pinning an offer. */
const MAX_OFFER_MS = 60 * 60 * 1_000;
const MAX_TIMER_MS = 2 ** 31 - 1;
/** The resolver runs at least this often, so dayparts switch on time without the hub. */
const TICK_MS = 1_000;

const clamp = (ms: number, min: number, max: number) => (Number.isFinite(ms) ? Math.min(Math.max(ms, min), max) : min);

const sameItem = (a: PlannedItem, b: PlannedItem) => a.content.id === b.content.id && a.entryId === b.entryId;

/** Changes whenever what the plan would show changes; equal keys mean nothing to do. */
function planKey(plan: PlaybackPlan | null): string {
  if (!plan) return '';
  if (plan.kind === 'emergency') return `emergency:${plan.emergency.id}:${plan.emergency.message.zh}:${plan.emergency.message.en}`;
  return plan.items.map((i) => `${i.content.id}/${i.entryId}/${i.durationMs}/${i.content.asset?.sha256 ?? ''}`).join(',');
}

/**
 * Everything the screen player shows, and the timers that move it on.
 *
 * The schedule (from the hub, or from the store after a reload) is resolved with the
 * device clock every second and at every item boundary (`resolvePlayback`), so dayparts
 * switch on time without the hub. An emergency covers everything; an offer pauses the
 * loop for its ttl, then the cut item plays again. Each item leaves the screen as a
 * play record. The next item is preloaded while the current one shows; a broken or
 * missing asset is skipped (the current item stays up until a good one is ready) and
 * reported once. Nothing here knows about the socket: `screen-socket.ts` feeds it.
 */
export class PlayerState {
  readonly deviceId: string;

  connection = $state<ConnectionStatus>('connecting');
  /** Why the screen is not connected, for the indicator's tooltip; never shown large. */
  connectionProblem = $state<string | null>(null);

  // Server-sent objects are replaced whole, never mutated: raw state skips the deep proxy.
  schedule = $state.raw<ScreenSchedule | null>(null);
  plan = $state.raw<PlaybackPlan | null>(null);
  current = $state.raw<OnScreen | null>(null);
  offer = $state.raw<ScreenOffer | null>(null);
  /** Free spaces per car-park zone, the latest the hub sent (barrier displays only get it). */
  occupancy = $state.raw<ParkingOccupancy | null>(null);
  /** While set, the screen shows its own name big so an installer can find it. */
  identifying = $state.raw<{ name: string; deviceId: string } | null>(null);

  readonly kind: ScreenKind = $derived(this.schedule?.screen.kind ?? 'floor');
  readonly mallName: Localized | null = $derived(this.schedule?.screen.mallName ?? null);
  /** The mall's time zone, for clocks: the device's own zone may be anything. */
  readonly timeZone: string | undefined = $derived(this.schedule?.timeZone);
  readonly emergency: Emergency | null = $derived(this.plan?.kind === 'emergency' ? this.plan.emergency : null);
  /**
   * The spaces panel: barrier displays only, and only while connected. Counts go stale within
   * minutes with the hub away, and a wrong "free" sends drivers in to search for nothing; the
   * hub sends fresh counts on every (re)connection.
   */
  readonly spaces: ParkingOccupancy | null = $derived(
    this.kind === 'barrier' && this.connection === 'connected' && this.occupancy && this.occupancy.zones.length > 0 ? this.occupancy : null,
  );

  /** content:problem reports waiting for the socket; each content is reported once per page life. */
  readonly problems: ContentProblem[] = [];
  onProblem: (() => void) | null = null;

  readonly #recordPlay: (play: PlayRecord) => void;
  readonly #preloader: AssetPreloader;
  readonly #now: () => number;
  #reported = new Set<number>();

  #planKey = '';
  /** Index in the plan's items of the item on screen, or of the last one shown. */
  #pos = -1;
  #lastItem: PlannedItem | null = null;
  /** After a cut (offer, emergency), the cut item plays again rather than the next one. */
  #replay = false;
  /** The item on screen has had its time (or none is on screen): show the next one when ready. */
  #due = true;
  #seq = 0;

  #tick: ReturnType<typeof setInterval> | undefined;
  #itemTimer: ReturnType<typeof setTimeout> | undefined;
  #offerTimer: ReturnType<typeof setTimeout> | undefined;
  #identifyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(deviceId: string, deps: PlayerDeps = {}) {
    this.deviceId = deviceId;
    this.#recordPlay = deps.recordPlay ?? (() => undefined);
    this.#now = deps.now ?? Date.now;
    this.#preloader = deps.preloader ?? new AssetPreloader(this.#now);
  }

  /** Starts the resolver's clock. */
  start(): void {
    clearInterval(this.#tick);
    this.#tick = setInterval(() => this.#sync(), TICK_MS);
    this.#sync();
  }

  setConnected(): void {
    this.connection = 'connected';
    this.connectionProblem = null;
    // What failed while the hub was away may load now.
    this.#preloader.retryFailed();
  }

  /** The loop keeps playing: a lost hub must never blank the screen. */
  setDisconnected(problem: string | null = null): void {
    this.connection = 'disconnected';
    this.connectionProblem = problem;
  }

  /**
   * From the hub (always taken: it is the authority, even if its version went back after a
   * restore) or from the store after a reload (only if the hub has not sent one meanwhile).
   * Returns whether it was taken.
   */
  setSchedule(next: ScreenSchedule, source: 'hub' | 'store' = 'hub'): boolean {
    if (source === 'store' && this.schedule) return false;
    this.schedule = next;
    this.#preloader.keepOnly(new Set(next.contents.flatMap((c) => (c.asset ? [c.asset.url] : []))));
    this.#sync();
    return true;
  }

  setOccupancy(occupancy: ParkingOccupancy): void {
    this.occupancy = occupancy;
  }

  /** Show an offer over the loop; a newer one replaces the current one and its timer. */
  showOffer(offer: ScreenOffer): void {
    clearTimeout(this.#offerTimer);
    this.offer = offer;
    this.#offerTimer = setTimeout(() => this.clearOffer(offer.id), clamp(offer.ttlMs, MIN_OFFER_MS, MAX_OFFER_MS));
    this.#sync();
  }

  /** Remove the offer (only `id`'s, when given, so a late timer cannot drop a newer offer). */
  clearOffer(id?: string): void {
    if (!this.offer || (id !== undefined && this.offer.id !== id)) return;
    clearTimeout(this.#offerTimer);
    this.#offerTimer = undefined;
    this.offer = null;
    this.#sync();
  }

  identify(durationMs: number): void {
    clearTimeout(this.#identifyTimer);
    this.identifying = { name: this.schedule?.screen.name ?? this.deviceId, deviceId: this.deviceId };
    this.#identifyTimer = setTimeout(() => {
      this.identifying = null;
    }, clamp(durationMs, MIN_OFFER_MS, MAX_OFFER_MS));
  }

  /** A video reached its end. */
  itemEnded(key: number): void {
    if (this.current?.key !== key) return;
    this.#due = true;
    this.#sync();
  }

  /** The element on screen could not show its asset: skip it at once, not recorded as played. */
  itemFailed(key: number, reason: string): void {
    const shown = this.current;
    if (!shown || shown.key !== key) return;
    this.#preloader.markFailed(shown.item.content, reason);
    this.#problem(shown.item.content, reason);
    clearTimeout(this.#itemTimer);
    this.current = null;
    this.#replay = false;
    this.#due = true;
    this.#sync();
  }

  /** For the heartbeat: `content:<id>` of the loop item on screen, nothing while covered. */
  get playing(): string | undefined {
    if (this.offer || this.emergency || !this.current) return undefined;
    return `content:${this.current.item.content.id}`;
  }

  /**
   * The page is going away (reload command, power-down): the item on screen still counts
   * as played up to now. It plays again, as a new play, if the page stays after all.
   */
  suspend(): void {
    if (this.current) this.#leave(true);
  }

  dispose(): void {
    clearInterval(this.#tick);
    clearTimeout(this.#itemTimer);
    clearTimeout(this.#offerTimer);
    clearTimeout(this.#identifyTimer);
  }

  /** Resolve what plays now and bring the screen in line with it. Cheap when nothing changed. */
  #sync(): void {
    const plan = this.schedule ? resolvePlayback(this.schedule, new Date(this.#now())) : null;
    const key = planKey(plan);
    if (key !== this.#planKey) {
      this.#planKey = key;
      this.plan = plan;
      // Keep our place: the item on screen (or the last one) in the new list, if still there.
      const items = plan?.kind === 'loop' ? plan.items : [];
      const anchor = this.current?.item ?? this.#lastItem;
      this.#pos = anchor ? items.findIndex((i) => sameItem(i, anchor)) : -1;
      if (this.#pos < 0) {
        this.#replay = false;
        // Off air now (daypart ended, removed): it gives way to the new plan at once.
        if (this.current) this.#due = true;
      }
    }
    if (plan?.kind !== 'loop' || this.offer) {
      if (this.current) this.#leave(true);
      return;
    }
    if (this.#due || !this.current) this.#advance(plan.items);
  }

  /** Show the next playable item, or keep the current one until it is ready. */
  #advance(items: PlannedItem[]): void {
    const start = this.#replay ? Math.max(this.#pos, 0) : this.#pos + 1;
    for (let i = 0; i < items.length; i++) {
      const index = (start + i) % items.length;
      const item = items[index]!;
      const problem = this.#unplayable(item.content);
      if (problem) {
        this.#problem(item.content, problem);
        continue;
      }
      const health = this.#preloader.health(item.content);
      if (health.state === 'failed') {
        this.#problem(item.content, health.reason);
        continue;
      }
      if (health.state === 'loading') {
        // The current item (or the idle card) stays up; the next tick, or the load, moves on.
        void this.#preloader.preload(item.content).then(() => this.#sync());
        return;
      }
      this.#show(index, item);
      return;
    }
    // Nothing playable: the idle card, never a black screen or a broken picture.
    if (this.current) this.#leave(false);
  }

  #show(index: number, item: PlannedItem): void {
    if (this.current) this.#leave(false);
    const key = ++this.#seq;
    const isVideo = item.content.kind === 'video';
    this.current = { key, viewKey: isVideo ? `v${key}` : `c${item.content.id}`, item, startedAt: this.#now() };
    this.#pos = index;
    this.#lastItem = item;
    this.#replay = false;
    this.#due = false;
    const ms = isVideo ? clamp(item.durationMs, MIN_ITEM_MS, MAX_TIMER_MS - VIDEO_GRACE_MS) + VIDEO_GRACE_MS : clamp(item.durationMs, MIN_ITEM_MS, MAX_TIMER_MS);
    this.#itemTimer = setTimeout(() => {
      if (this.current?.key !== key) return;
      this.#due = true;
      this.#sync();
    }, ms);
    this.#preloadAfter(index);
  }

  /** Take the current item off the screen and record it as played. */
  #leave(cut: boolean): void {
    const shown = this.current;
    clearTimeout(this.#itemTimer);
    this.current = null;
    this.#due = true;
    if (!shown) return;
    this.#replay = cut;
    const durationMs = Math.round(this.#now() - shown.startedAt);
    if (durationMs <= 0) return;
    this.#recordPlay({
      playId: newId(),
      contentId: shown.item.content.id,
      entryId: shown.item.entryId,
      startedAt: new Date(shown.startedAt).toISOString(),
      durationMs: Math.min(durationMs, 24 * 3600_000),
    });
  }

  #preloadAfter(index: number): void {
    const items = this.plan?.kind === 'loop' ? this.plan.items : [];
    for (let i = 1; i <= items.length; i++) {
      const next = items[(index + i) % items.length]!;
      if (this.#unplayable(next.content)) continue;
      if (this.#preloader.health(next.content).state === 'failed') continue;
      void this.#preloader.preload(next.content).then((health) => {
        if (health.state === 'failed') this.#problem(next.content, health.reason);
      });
      return;
    }
  }

  /** Why an item cannot be shown at all, whatever its asset does. */
  #unplayable(content: ContentItem): string | null {
    switch (content.kind) {
      case 'image':
      case 'video':
        return content.asset ? null : `${content.kind} has no asset`;
      case 'text':
        return content.text ? null : 'text item without text';
      case 'qr':
        return content.qr ? null : 'qr item without a code';
      case 'web':
        if (!content.web) return 'web item without a url';
        // A page from outside cannot come from the cache; offline it would show an error page.
        return navigator.onLine ? null : 'offline';
      default:
        return `unknown kind ${String((content as { kind: unknown }).kind)}`;
    }
  }

  /**
   * Report a content problem once per page life. Load failures while the hub is away are
   * not reported (they are likely the network, not the content); they are tried again later.
   */
  #problem(content: ContentItem, reason: string): void {
    if (reason === 'offline' || this.#reported.has(content.id)) return;
    const assetFailure = content.asset && this.#unplayable(content) === null;
    if (assetFailure && this.connection !== 'connected') return;
    this.#reported.add(content.id);
    this.problems.push({ contentId: content.id, reason: reason.slice(0, 200) });
    this.onProblem?.();
  }
}
