import type { Sql } from '../db/database.js';

export interface LedgerEntry {
  memberId: number;
  delta: number;
  kind: string;
  /** Which rule produced the entry, e.g. "base:gold×100%": kept so every point can be explained. */
  rule: string;
  sourceType: string;
  sourceId: string;
  createdAt: string;
}

export interface LedgerRow {
  id: number;
  member_id: number;
  delta: number;
  balance_after: number;
  kind: string;
  rule: string;
  source_type: string;
  source_id: string;
  created_at: string;
}

export const ledgerRepository = {
  /**
   * Appends one entry and moves the member's cached balance with it. Call inside a
   * transaction: the two writes must land together or not at all, so the balance
   * always equals the sum of the ledger.
   */
  async append(tx: Sql, entry: LedgerEntry): Promise<number> {
    const row = await tx.get<{ points_balance: number }>(
      'UPDATE members SET points_balance = points_balance + ? WHERE id = ? RETURNING points_balance',
      [entry.delta, entry.memberId],
    );
    if (!row) throw new Error(`member ${entry.memberId} does not exist`);
    await tx.run(
      `INSERT INTO points_ledger (member_id, delta, balance_after, kind, rule, source_type, source_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [entry.memberId, entry.delta, row.points_balance, entry.kind, entry.rule, entry.sourceType, entry.sourceId, entry.createdAt],
    );
    return row.points_balance;
  },
  forMember: (sql: Sql, memberId: number, limit = 50) =>
    sql.all<LedgerRow>('SELECT * FROM points_ledger WHERE member_id = ? ORDER BY id DESC LIMIT ?', [memberId, limit]),
  movements: (sql: Sql, memberId: number) =>
    sql.all<{ delta: number; at: string }>('SELECT delta, created_at AS at FROM points_ledger WHERE member_id = ? ORDER BY id', [memberId]),
  /** Members holding points earned before the cutoff: the only ones whose points can expire. */
  expiryCandidates: async (sql: Sql, cutoffIso: string) =>
    (
      await sql.all<{ member_id: number }>(
        `SELECT DISTINCT l.member_id FROM points_ledger l JOIN members m ON m.id = l.member_id
         WHERE l.delta > 0 AND l.created_at < ? AND m.points_balance > 0`,
        [cutoffIso],
      )
    ).map((r) => r.member_id),
  sumForMember: async (sql: Sql, memberId: number) =>
    (await sql.get<{ total: number | null }>('SELECT SUM(delta) AS total FROM points_ledger WHERE member_id = ?', [memberId]))?.total ?? 0,
};
