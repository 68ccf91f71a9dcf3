/**
 * Points expire by age, oldest first. Earned points form lots; every deduction
 * (spend, refund reversal, earlier expiry) uses up the oldest lot first. What is
 * left of lots earned before the cutoff expires. If deductions ever exceed what
 * was earned (a refund after the points were spent), the debt is paid by the next
 * lots earned before any of them can expire.
 */
export interface LedgerMovement {
  delta: number;
  /** When it was written, ISO-8601. */
  at: string;
}

export function pointsToExpire(movements: readonly LedgerMovement[], cutoff: Date): number {
  const lots: Array<{ at: number; left: number }> = [];
  let debt = 0;
  const ordered = [...movements].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const m of ordered) {
    if (m.delta > 0) {
      const paid = Math.min(debt, m.delta);
      debt -= paid;
      if (m.delta > paid) lots.push({ at: Date.parse(m.at), left: m.delta - paid });
    } else if (m.delta < 0) {
      let owed = -m.delta;
      for (const lot of lots) {
        if (owed === 0) break;
        const take = Math.min(lot.left, owed);
        lot.left -= take;
        owed -= take;
      }
      debt += owed;
    }
  }
  const limit = cutoff.getTime();
  return lots.reduce((sum, lot) => (lot.at < limit ? sum + lot.left : sum), 0);
}
