import type { Sql } from '../db/database.js';

export const refundsRepository = {
  findResult: async (sql: Sql, storeId: string, refundId: string) =>
    (await sql.get<{ result_json: string }>('SELECT result_json FROM refunds WHERE store_id = ? AND refund_id = ?', [storeId, refundId]))?.result_json,
  async insert(
    tx: Sql,
    r: { storeId: string; refundId: string; txId: string; amountFen: number; occurredAt: string; receivedAt: string; pointsReversed: number; resultJson: string },
  ): Promise<void> {
    await tx.run(
      `INSERT INTO refunds (store_id, refund_id, tx_id, amount_fen, occurred_at, received_at, points_reversed, result_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [r.storeId, r.refundId, r.txId, r.amountFen, r.occurredAt, r.receivedAt, r.pointsReversed, r.resultJson],
    );
  },
};
