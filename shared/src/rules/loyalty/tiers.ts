/** Tier rules: thresholds on rolling 12-month spend (fen), upgrades at once, downgrades only at review. */
export interface TierRule {
  code: string;
  rank: number;
  thresholdFen: number;
  multiplierPct: number;
  freeParkingHours: number;
}

const byRank = (tiers: readonly TierRule[]) => [...tiers].sort((a, b) => a.rank - b.rank);

/** The highest tier whose threshold the spend reaches (the lowest tier when none). */
export function tierForSpend(tiers: readonly TierRule[], spendFen: number): TierRule {
  const sorted = byRank(tiers);
  if (sorted.length === 0) throw new Error('no tiers configured');
  let result = sorted[0]!;
  for (const tier of sorted) if (spendFen >= tier.thresholdFen) result = tier;
  return result;
}

/** After a purchase: move up if the spend now reaches a higher tier, never down. */
export function tierAfterPurchase(tiers: readonly TierRule[], currentCode: string, spendFen: number): TierRule {
  const current = tiers.find((t) => t.code === currentCode) ?? byRank(tiers)[0]!;
  const earned = tierForSpend(tiers, spendFen);
  return earned.rank > current.rank ? earned : current;
}

/**
 * At the periodic review the tier follows the spend both ways, but a downgrade is
 * one step at a time: a member who spent nothing for a year drops from platinum to
 * gold, not to the bottom, and has a review period to recover.
 */
export function tierAtReview(tiers: readonly TierRule[], currentCode: string, spendFen: number): TierRule {
  const sorted = byRank(tiers);
  const current = sorted.find((t) => t.code === currentCode) ?? sorted[0]!;
  const earned = tierForSpend(tiers, spendFen);
  if (earned.rank >= current.rank) return earned;
  const index = sorted.indexOf(current);
  return sorted[Math.max(0, index - 1)]!;
}

export interface TierProgress {
  current: string;
  spend12mFen: number;
  /** Absent at the top tier. */
  next?: { code: string; thresholdFen: number; remainingFen: number; percent: number };
}

export function tierProgress(tiers: readonly TierRule[], currentCode: string, spendFen: number): TierProgress {
  const sorted = byRank(tiers);
  const current = sorted.find((t) => t.code === currentCode) ?? sorted[0]!;
  const next = sorted.find((t) => t.rank > current.rank);
  if (!next) return { current: current.code, spend12mFen: spendFen };
  const remainingFen = Math.max(0, next.thresholdFen - spendFen);
  const percent = next.thresholdFen === 0 ? 100 : Math.min(100, Math.floor((spendFen * 100) / next.thresholdFen));
  return { current: current.code, spend12mFen: spendFen, next: { code: next.code, thresholdFen: next.thresholdFen, remainingFen, percent } };
}
