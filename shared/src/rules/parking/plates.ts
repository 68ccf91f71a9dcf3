import { normalizePlate } from '../masking.js';

/**
 * Plate readers confuse a few characters (O/0, I/1, B/8). A registered plate is
 * matched if the read plate equals it after swapping any of those; the hub looks
 * each variant up by its keyed hash. A plate registered exactly as read wins;
 * otherwise a member is bound only when every fuzzy match is the same member
 * (docs/parking.md). Only plausible plates are expanded (at most 2^7 spellings).
 */
const CONFUSABLE: Record<string, string[]> = { O: ['0'], '0': ['O'], I: ['1'], '1': ['I'], B: ['8'], '8': ['B'] };

/** Mainland plates: province character, a letter, then 5 (ordinary) or 6 (new-energy) letters or digits. */
export function isPlausiblePlate(raw: string): boolean {
  return /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/.test(normalizePlate(raw));
}

/** Every spelling the reader may have meant, the plate as read first. Bounded: at most 2^7 for a 7-character tail. */
export function plateVariants(raw: string): string[] {
  const plate = normalizePlate(raw);
  const chars = Array.from(plate);
  let variants = [''];
  chars.forEach((ch, i) => {
    // The province character is never confused with a digit.
    const options = i === 0 ? [ch] : [ch, ...(CONFUSABLE[ch] ?? [])];
    variants = variants.flatMap((prefix) => options.map((o) => prefix + o));
  });
  return variants;
}

export type PlateMatch<T> = { kind: 'exact'; owner: T } | { kind: 'fuzzy'; owner: T } | { kind: 'none' } | { kind: 'ambiguous' };

/**
 * Decides who a read plate belongs to, given the owners found for each variant
 * (in plateVariants order). An exact match wins; otherwise one owner for all the
 * fuzzy matches; two different owners bind nobody.
 */
export function matchPlate<T>(found: ReadonlyArray<{ variant: string; owner: T }>, read: string, sameOwner: (a: T, b: T) => boolean): PlateMatch<T> {
  const plate = normalizePlate(read);
  const exact = found.find((f) => f.variant === plate);
  if (exact) return { kind: 'exact', owner: exact.owner };
  if (found.length === 0) return { kind: 'none' };
  const first = found[0]!.owner;
  return found.every((f) => sameOwner(f.owner, first)) ? { kind: 'fuzzy', owner: first } : { kind: 'ambiguous' };
}
