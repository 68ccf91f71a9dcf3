/**
 * Small helpers shared by the simulated tills and gates: randomness with a
 * realistic shape, mall-local timestamps, and Poisson arrivals.
 */

/** A source of uniform numbers in [0, 1); seeded so a run can be replayed with --seed. */
export type Rng = () => number;

export function pick<T>(rand: Rng, xs: readonly T[]): T {
  if (xs.length === 0) throw new RangeError('pick from an empty list');
  return xs[Math.floor(rand() * xs.length)] as T;
}

/** Standard normal by Box–Muller. */
export function normal(rand: Rng): number {
  const u = 1 - rand(); // (0, 1]: log(0) would be -Infinity
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/**
 * A till amount in integer fen whose median is `typicalFen`: shop tickets are
 * right-skewed (many small baskets, a few big ones), which a lognormal mimics.
 * Rounded to 10 fen most of the time, to whole yuan sometimes, as prices are.
 */
export function amountAround(rand: Rng, typicalFen: number, spread = 0.6): number {
  const raw = typicalFen * Math.exp(spread * normal(rand));
  const step = rand() < 0.4 ? 100 : 10;
  return Math.max(100, Math.round(raw / step) * step);
}

/** Waiting time of a Poisson process, in ms. */
export function exponentialMs(rand: Rng, perSecond: number): number {
  return (-Math.log(1 - rand()) / perSecond) * 1000;
}

const MALL_OFFSET_MS = 8 * 3600_000;

/**
 * ISO-8601 with the mall's +08:00 offset ("2026-11-25T14:03:07.123+08:00"), the
 * way a till in Shanghai stamps its receipts. China has no daylight saving, so a
 * fixed offset is exact.
 */
export function mallIso(at: Date): string {
  return new Date(at.getTime() + MALL_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

/**
 * Fires `fire` as a Poisson process of `perSecond` events per second until the
 * returned function is called. A 20 ms tick fires everything that came due, so
 * high rates do not need one timer per event.
 */
export function startArrivals(perSecond: number, rand: Rng, fire: () => void): () => void {
  if (!(perSecond > 0)) return () => undefined;
  let next = performance.now() + exponentialMs(rand, perSecond);
  const timer = setInterval(() => {
    const now = performance.now();
    // After a long stall (laptop asleep, debugger) do not fire a burst of the whole backlog.
    if (now - next > 2_000) next = now;
    while (next <= now) {
      fire();
      next += exponentialMs(rand, perSecond);
    }
  }, 20);
  return () => clearInterval(timer);
}
