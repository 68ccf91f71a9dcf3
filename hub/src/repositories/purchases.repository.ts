import type { Sql } from '../db/database.js';

export interface NewPurchase {
  storeId: string;
  txId: string;
  memberId: number | null;
  amountFen: number;
  category: string;
  /** UTC ISO-8601. */
  occurredAt: string;
  receivedAt: string;
  pointsEarned: number;
  resultJson: string;
}

export interface PurchaseRow {
  id: number;
  store_id: string;
  tx_id: string;
  member_id: number | null;
  amount_fen: number;
  category: string;
  occurred_at: string;
  points_earned: number;
  refunded_fen: number;
  points_reversed: number;
}

export const purchasesRepository = {
  findResult: async (sql: Sql, storeId: string, txId: string) =>
    (await sql.get<{ result_json: string }>('SELECT result_json FROM purchases WHERE store_id = ? AND tx_id = ?', [storeId, txId]))
      ?.result_json,
  find: (sql: Sql, storeId: string, txId: string) =>
    sql.get<PurchaseRow>('SELECT * FROM purchases WHERE store_id = ? AND tx_id = ?', [storeId, txId]),
  async insert(tx: Sql, p: NewPurchase): Promise<void> {
    await tx.run(
      `INSERT INTO purchases (store_id, tx_id, member_id, amount_fen, category, occurred_at, received_at, points_earned, result_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [p.storeId, p.txId, p.memberId, p.amountFen, p.category, p.occurredAt, p.receivedAt, p.pointsEarned, p.resultJson],
    );
  },
  async addRefund(tx: Sql, id: number, refundFen: number, pointsReversed: number): Promise<void> {
    await tx.run('UPDATE purchases SET refunded_fen = refunded_fen + ?, points_reversed = points_reversed + ? WHERE id = ?', [refundFen, pointsReversed, id]);
  },
  /** Net spend (purchases less refunds) since an instant: what tiers are judged on. */
  spendSince: async (sql: Sql, memberId: number, sinceIso: string) =>
    (
      await sql.get<{ spend: number | null }>(
        'SELECT SUM(amount_fen - refunded_fen) AS spend FROM purchases WHERE member_id = ? AND occurred_at >= ?',
        [memberId, sinceIso],
      )
    )?.spend ?? 0,
  countForMember: async (sql: Sql, memberId: number) =>
    (await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM purchases WHERE member_id = ?', [memberId]))?.n ?? 0,
  count: async (sql: Sql) => (await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM purchases'))?.n ?? 0,
  /** Top categories by net spend since an instant. */
  topCategories: async (sql: Sql, memberId: number, sinceIso: string, limit = 3) =>
    (
      await sql.all<{ category: string }>(
        `SELECT category FROM purchases WHERE member_id = ? AND occurred_at >= ?
         GROUP BY category HAVING SUM(amount_fen - refunded_fen) > 0 ORDER BY SUM(amount_fen - refunded_fen) DESC, category LIMIT ?`,
        [memberId, sinceIso, limit],
      )
    ).map((r) => r.category),
};
