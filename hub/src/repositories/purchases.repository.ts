import type { Sql } from '../db/database.js';

export interface NewPurchase {
  storeId: string;
  txId: string;
  memberId: number | null;
  amountFen: number;
  category: string;
  occurredAt: string;
  receivedAt: string;
  pointsEarned: number;
  resultJson: string;
}

export const purchasesRepository = {
  findResult: async (sql: Sql, storeId: string, txId: string) =>
    (await sql.get<{ result_json: string }>('SELECT result_json FROM purchases WHERE store_id = ? AND tx_id = ?', [storeId, txId]))
      ?.result_json,
  async insert(tx: Sql, p: NewPurchase): Promise<void> {
    await tx.run(
      `INSERT INTO purchases (store_id, tx_id, member_id, amount_fen, category, occurred_at, received_at, points_earned, result_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [p.storeId, p.txId, p.memberId, p.amountFen, p.category, p.occurredAt, p.receivedAt, p.pointsEarned, p.resultJson],
    );
  },
  count: async (sql: Sql) => (await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM purchases'))?.n ?? 0,
};
