import type { PlayedBatch, ScreenSchedule } from '@atrium/shared';

/** One item that was on screen: what proof of play reports. */
export type PlayRecord = PlayedBatch['plays'][number];

/** Plays read from the queue, with the keys that remove exactly these once the hub has them. */
export interface QueuedPlays {
  keys: IDBValidKey[];
  plays: PlayRecord[];
}

/**
 * What the player keeps across page reloads and power cuts: the last schedule it was
 * sent (so it can play before, or without, reaching the hub) and the plays the hub has
 * not acknowledged yet.
 */
export interface PlayerStore {
  loadSchedule(): Promise<ScreenSchedule | null>;
  saveSchedule(schedule: ScreenSchedule): Promise<void>;
  addPlay(play: PlayRecord): Promise<void>;
  /** The oldest `limit` plays, left in the queue until `removePlays`. */
  peekPlays(limit: number): Promise<QueuedPlays>;
  removePlays(keys: IDBValidKey[]): Promise<void>;
  countPlays(): Promise<number>;
}

/**
 * A week offline at one play every 8 s is ~75,000 plays (~150 bytes each). Past this the
 * oldest are dropped, so a screen cut off for months cannot fill the disk.
 */
const MAX_QUEUED_PLAYS = 100_000;
const TRIM_EVERY = 500;

const KV = 'kv';
const PLAYS = 'plays';
const SCHEDULE_KEY = 'schedule';

/**
 * Opens the store of this device (one database per device id, so a browser profile
 * moved to another screen does not play or report under the wrong name). Falls back to
 * memory when IndexedDB is unavailable: the screen still plays, it only forgets on reload.
 */
export async function openPlayerStore(deviceId: string): Promise<PlayerStore> {
  try {
    return new IdbPlayerStore(await openDb(`atrium-screen:${deviceId || 'unnamed'}`));
  } catch (err) {
    console.warn('IndexedDB unavailable; the schedule and unsent plays will not survive a reload', err);
    return new MemoryPlayerStore();
  }
}

/** A v4 UUID; `crypto.randomUUID` exists only in secure contexts, and a mall LAN may serve plain http. */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function openDb(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(new Error('no indexedDB'));
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore(KV);
      // Auto-increment keys keep the queue in recording order, oldest first.
      db.createObjectStore(PLAYS, { autoIncrement: true });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('indexedDB.open failed'));
    request.onblocked = () => reject(new Error('indexedDB.open blocked'));
  });
}

const done = (tx: IDBTransaction): Promise<void> =>
  new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });

const result = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('request failed'));
  });

class IdbPlayerStore implements PlayerStore {
  #adds = 0;

  constructor(private readonly db: IDBDatabase) {}

  async loadSchedule(): Promise<ScreenSchedule | null> {
    const value = await result(this.db.transaction(KV).objectStore(KV).get(SCHEDULE_KEY));
    return (value as ScreenSchedule | undefined) ?? null;
  }

  async saveSchedule(schedule: ScreenSchedule): Promise<void> {
    const tx = this.db.transaction(KV, 'readwrite');
    tx.objectStore(KV).put(schedule, SCHEDULE_KEY);
    await done(tx);
  }

  async addPlay(play: PlayRecord): Promise<void> {
    const tx = this.db.transaction(PLAYS, 'readwrite');
    tx.objectStore(PLAYS).add(play);
    await done(tx);
    if (++this.#adds % TRIM_EVERY === 0) await this.#trim();
  }

  async peekPlays(limit: number): Promise<QueuedPlays> {
    const store = this.db.transaction(PLAYS).objectStore(PLAYS);
    // Both lists come from one transaction in key order, so they line up.
    const [keys, plays] = await Promise.all([result(store.getAllKeys(null, limit)), result(store.getAll(null, limit))]);
    return { keys, plays: plays as PlayRecord[] };
  }

  async removePlays(keys: IDBValidKey[]): Promise<void> {
    if (keys.length === 0) return;
    const tx = this.db.transaction(PLAYS, 'readwrite');
    const store = tx.objectStore(PLAYS);
    for (const key of keys) store.delete(key);
    await done(tx);
  }

  countPlays(): Promise<number> {
    return result(this.db.transaction(PLAYS).objectStore(PLAYS).count());
  }

  async #trim(): Promise<void> {
    const excess = (await this.countPlays()) - MAX_QUEUED_PLAYS;
    if (excess <= 0) return;
    const tx = this.db.transaction(PLAYS, 'readwrite');
    const store = tx.objectStore(PLAYS);
    const oldest = await result(store.getAllKeys(null, excess));
    if (oldest.length > 0) store.delete(IDBKeyRange.bound(oldest[0], oldest[oldest.length - 1]));
    await done(tx);
    console.warn(`proof of play: dropped the ${oldest.length} oldest unsent plays (queue full)`);
  }
}

class MemoryPlayerStore implements PlayerStore {
  #schedule: ScreenSchedule | null = null;
  #plays: Array<{ key: number; play: PlayRecord }> = [];
  #next = 1;

  async loadSchedule(): Promise<ScreenSchedule | null> {
    return this.#schedule;
  }
  async saveSchedule(schedule: ScreenSchedule): Promise<void> {
    this.#schedule = schedule;
  }
  async addPlay(play: PlayRecord): Promise<void> {
    this.#plays.push({ key: this.#next++, play });
    if (this.#plays.length > MAX_QUEUED_PLAYS) this.#plays.splice(0, this.#plays.length - MAX_QUEUED_PLAYS);
  }
  async peekPlays(limit: number): Promise<QueuedPlays> {
    const head = this.#plays.slice(0, limit);
    return { keys: head.map((p) => p.key), plays: head.map((p) => p.play) };
  }
  async removePlays(keys: IDBValidKey[]): Promise<void> {
    const gone = new Set(keys);
    this.#plays = this.#plays.filter((p) => !gone.has(p.key));
  }
  async countPlays(): Promise<number> {
    return this.#plays.length;
  }
}
