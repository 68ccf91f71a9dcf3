/**
 * Base earning rule: one point per whole yuan spent (amount is in fen), times the
 * member's tier multiplier. Multipliers are integer percentages (150 = 1.5×) so no
 * float ever touches a points balance; the result is rounded down.
 */
export function pointsForPurchase(amountFen: number, multiplierPct: number): number {
  if (!Number.isInteger(amountFen) || amountFen < 0) throw new RangeError('amountFen must be a non-negative integer');
  if (!Number.isInteger(multiplierPct) || multiplierPct < 0) throw new RangeError('multiplierPct must be a non-negative integer');
  return Math.floor((Math.floor(amountFen / 100) * multiplierPct) / 100);
}
