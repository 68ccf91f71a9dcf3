import type { ContentItem } from '@atrium/shared';

export type AssetHealth = { state: 'ready' } | { state: 'loading' } | { state: 'failed'; reason: string };

/** A failed asset is tried again after this long: it may have been uploaded again or cached by then. */
const RETRY_FAILED_MS = 2 * 60_000;
/** Slow is not broken: past this an asset counts as ready and the element on screen finishes loading it. */
const PRELOAD_TIMEOUT_MS = 10_000;

interface Entry {
  health: AssetHealth;
  settled: Promise<void>;
  at: number;
}

/**
 * Loads the next item's image or video before its turn, so the cross-fade shows a picture
 * and a broken asset is skipped before it ever reaches the screen. It also remembers which
 * assets failed (here or on screen). Keyed by asset URL, which is content-addressed.
 */
export class AssetPreloader {
  #entries = new Map<string, Entry>();
  /** Only the latest preloaded video is kept buffering: videos are large. */
  #video: HTMLVideoElement | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /** Text, QR and web items need nothing loaded; images and videos their asset. */
  health(content: ContentItem): AssetHealth {
    if (!needsAsset(content) || !content.asset) return { state: 'ready' };
    const entry = this.#entries.get(content.asset.url);
    if (!entry) return { state: 'loading' };
    if (entry.health.state === 'failed' && this.now() - entry.at > RETRY_FAILED_MS) {
      this.#entries.delete(content.asset.url);
      return { state: 'loading' };
    }
    return entry.health;
  }

  /** Starts loading (once) and resolves when the asset is ready or failed. */
  preload(content: ContentItem): Promise<AssetHealth> {
    const url = needsAsset(content) ? content.asset?.url : undefined;
    if (!url) return Promise.resolve({ state: 'ready' });
    this.health(content); // drops a failure old enough to be tried again
    let entry = this.#entries.get(url);
    if (!entry) {
      const fresh: Entry = { health: { state: 'loading' }, settled: Promise.resolve(), at: this.now() };
      fresh.settled = (content.kind === 'video' ? this.#loadVideo(url) : loadImage(url)).then((health) => {
        fresh.health = health;
        fresh.at = this.now();
      });
      this.#entries.set(url, fresh);
      entry = fresh;
    }
    const settled = entry;
    return settled.settled.then(() => settled.health);
  }

  /** The element on screen failed after all (decode error, asset gone from the cache). */
  markFailed(content: ContentItem, reason: string): void {
    if (!content.asset) return;
    this.#entries.set(content.asset.url, { health: { state: 'failed', reason }, settled: Promise.resolve(), at: this.now() });
  }

  /** Drops what a new schedule no longer uses, so months of schedules do not pile up here. */
  keepOnly(urls: Set<string>): void {
    for (const url of this.#entries.keys()) if (!urls.has(url)) this.#entries.delete(url);
  }

  /** Forget everything failed: called when the hub comes back, as assets may be reachable again. */
  retryFailed(): void {
    for (const [url, entry] of this.#entries) if (entry.health.state === 'failed') this.#entries.delete(url);
  }

  #loadVideo(url: string): Promise<AssetHealth> {
    this.#releaseVideo();
    // A detached, hidden element: buffers the start of the file and proves it decodes.
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.preload = 'auto';
    this.#video = video;
    return settle(video, 'loadeddata', () => describeMediaError(video.error), () => {
      video.src = url;
      video.load();
    });
  }

  #releaseVideo(): void {
    if (!this.#video) return;
    this.#video.removeAttribute('src');
    this.#video.load();
    this.#video = null;
  }
}

const needsAsset = (content: ContentItem) => content.kind === 'image' || content.kind === 'video';

function loadImage(url: string): Promise<AssetHealth> {
  const img = new Image();
  img.decoding = 'async';
  return settle(img, 'load', () => 'image failed to load or decode', () => {
    img.src = url;
  });
}

function settle(element: HTMLElement, readyEvent: string, failure: () => string, start: () => void): Promise<AssetHealth> {
  return new Promise((resolve) => {
    const finish = (health: AssetHealth) => {
      clearTimeout(timer);
      element.removeEventListener(readyEvent, onReady);
      element.removeEventListener('error', onError);
      resolve(health);
    };
    const onReady = () => finish({ state: 'ready' });
    const onError = () => finish({ state: 'failed', reason: failure() });
    const timer = setTimeout(onReady, PRELOAD_TIMEOUT_MS);
    element.addEventListener(readyEvent, onReady);
    element.addEventListener('error', onError);
    start();
  });
}

/** Words for the content:problem report, so staff can tell a missing file from a bad codec. */
export function describeMediaError(error: MediaError | null): string {
  switch (error?.code) {
    case 1:
      return 'video loading aborted';
    case 2:
      return 'video failed to download';
    case 3:
      return 'video could not be decoded';
    case 4:
      return 'video missing or in an unsupported format';
    default:
      return 'video failed to load';
  }
}
