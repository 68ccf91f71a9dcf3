import type { ScreenSchedule } from '@atrium/shared';

/**
 * The page's side of the service worker (signage/public/screen-sw.js, served by the hub at
 * /screen-sw.js): it caches this page, its bundles and the content assets, so the screen
 * plays on, and even reloads, while the hub or the network is down.
 *
 * Service workers exist only in secure contexts (https, or localhost): on a plain-http
 * mall network this does nothing, and a reload while the hub is down cannot load the page.
 */
export function registerScreenWorker(): void {
  if (!('serviceWorker' in navigator)) {
    console.warn('no service worker (insecure context?): the page will not reload while the hub is down');
    return;
  }
  navigator.serviceWorker.register('/screen-sw.js', { scope: '/screen' }).catch((err: unknown) => {
    console.warn('service worker registration failed', err);
  });
  // Storage that the browser may not evict under pressure: the cache is the screen's lifeline.
  void navigator.storage?.persist?.().catch(() => false);
}

/**
 * Tells the worker every asset the schedule can play (now, later today, other dayparts),
 * with its SHA-256. It downloads what it lacks, caches only what matches its hash, and
 * evicts assets no longer listed. Called on every schedule, and again after a reconnect.
 */
export function cacheScheduleAssets(schedule: ScreenSchedule): void {
  if (!('serviceWorker' in navigator)) return;
  const seen = new Set<string>();
  const assets: Array<{ url: string; sha256: string }> = [];
  for (const content of schedule.contents) {
    if (!content.asset || seen.has(content.asset.url)) continue;
    seen.add(content.asset.url);
    assets.push({ url: content.asset.url, sha256: content.asset.sha256 });
  }
  void navigator.serviceWorker.ready.then((registration) => {
    registration.active?.postMessage({ type: 'cache-assets', version: schedule.version, assets });
  });
}
