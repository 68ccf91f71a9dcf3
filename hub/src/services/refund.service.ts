import { pointsToReverse, type PosRefund, type PosRefundResult } from '@atrium/shared';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { EventBus } from '../platform/events.js';
import { ledgerRepository } from '../repositories/ledger.repository.js';
import { purchasesRepository } from '../repositories/purchases.repository.js';
import { refundsRepository } from '../repositories/refunds.repository.js';

/**
 * Refunds reverse the refunded share of a purchase's points and of its tier
 * spend. Idempotent by (storeId, refundId). The points may already be spent, so
 * the balance can go below zero; a negative balance blocks redemptions until
 * later earnings bring it back (docs/loyalty.md).
 */
export class RefundService {
  constructor(private readonly deps: { db: Database; clock: Clock; events: EventBus }) {}

  async record(storeId: string, refund: PosRefund): Promise<PosRefundResult> {
    const { db, clock } = this.deps;
    let accepted: { memberId: number | null } | undefined;
    const result = await db.transaction(async (sql): Promise<PosRefundResult> => {
      const earlier = await refundsRepository.findResult(sql, storeId, refund.refundId);
      if (earlier) return { ...(JSON.parse(earlier) as PosRefundResult), status: 'duplicate' };
      const rejected = (reason: string): PosRefundResult => ({ refundId: refund.refundId, status: 'rejected', pointsReversed: 0, reason });
      const purchase = await purchasesRepository.find(sql, storeId, refund.txId);
      if (!purchase) return rejected(`no purchase ${refund.txId} at store ${storeId}`);
      const left = purchase.amount_fen - purchase.refunded_fen;
      if (refund.amount > left) return rejected(`refund of ${refund.amount} fen is more than what is left of the purchase (${left} fen)`);

      const reversed = purchase.member_id === null ? 0 : pointsToReverse(purchase.points_earned, purchase.amount_fen, purchase.refunded_fen, refund.amount, purchase.points_reversed);
      const now = clock.now().toISOString();
      if (reversed > 0 && purchase.member_id !== null) {
        await ledgerRepository.append(sql, {
          memberId: purchase.member_id,
          delta: -reversed,
          kind: 'refund',
          rule: `refund:${refund.amount}/${purchase.amount_fen}`,
          sourceType: 'refund',
          sourceId: `${storeId}/${refund.refundId}`,
          createdAt: now,
        });
      }
      await purchasesRepository.addRefund(sql, purchase.id, refund.amount, reversed);
      const result: PosRefundResult = { refundId: refund.refundId, status: 'accepted', pointsReversed: reversed };
      await refundsRepository.insert(sql, {
        storeId,
        refundId: refund.refundId,
        txId: refund.txId,
        amountFen: refund.amount,
        occurredAt: new Date(refund.occurredAt).toISOString(),
        receivedAt: now,
        pointsReversed: reversed,
        resultJson: JSON.stringify(result),
      });
      accepted = { memberId: purchase.member_id };
      return result;
    });
    if (accepted) {
      this.deps.events.emit('refundAccepted', { storeId, refundId: refund.refundId, txId: refund.txId, memberId: accepted.memberId, amountFen: refund.amount, pointsReversed: result.pointsReversed });
    }
    return result;
  }
}
