import { pointsForPurchase, type PosTx, type PosTxResult } from '@atrium/shared';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { EventBus } from '../platform/events.js';
import { layoutRepository } from '../repositories/layout.repository.js';
import { ledgerRepository } from '../repositories/ledger.repository.js';
import { membersRepository } from '../repositories/members.repository.js';
import { purchasesRepository } from '../repositories/purchases.repository.js';
import { tiersRepository } from '../repositories/tiers.repository.js';
import { memberCodeProblem, type MemberCodeService } from './member-code.service.js';

/**
 * A till's purchase, stored once per (storeId, txId), earning points for its
 * member in the same transaction. A repeat gets the first answer again with
 * status "duplicate" and changes nothing.
 */
export class PurchaseService {
  constructor(private readonly deps: { db: Database; clock: Clock; events: EventBus; memberCodes: MemberCodeService }) {}

  async record(tx: PosTx): Promise<PosTxResult> {
    const { db, clock, events, memberCodes } = this.deps;
    const rejected = (reason: string): PosTxResult => ({ txId: tx.txId, status: 'rejected', pointsEarned: 0, reason });

    // Checked before the transaction: verifying a code is pure CPU, and expiry is judged at arrival.
    const code = tx.memberCode === undefined ? null : memberCodes.check(tx.memberCode);
    if (code && !code.ok) return rejected(memberCodeProblem[code.reason]);

    const outcome = await db.transaction(async (sql) => {
      const earlier = await purchasesRepository.findResult(sql, tx.storeId, tx.txId);
      if (earlier) return { result: { ...(JSON.parse(earlier) as PosTxResult), status: 'duplicate' as const }, isNew: false };

      const store = await layoutRepository.store(sql, tx.storeId);
      if (!store) return { result: rejected(`unknown store ${tx.storeId}; register it in the console`), isNew: false };

      let memberId: number | null = null;
      let pointsEarned = 0;
      let pointsBalance: number | undefined;
      let tierCode: string | undefined;
      if (code?.ok) {
        const member = await membersRepository.findById(sql, code.memberId);
        if (!member) return { result: rejected('memberCode names a member that does not exist'), isNew: false };
        const tier = await tiersRepository.get(sql, member.tier_code);
        const multiplier = tier?.multiplier_pct ?? 100;
        memberId = member.id;
        tierCode = member.tier_code;
        pointsEarned = pointsForPurchase(tx.amount, multiplier);
        pointsBalance = member.points_balance;
        if (pointsEarned > 0) {
          pointsBalance = await ledgerRepository.append(sql, {
            memberId,
            delta: pointsEarned,
            kind: 'earn',
            rule: `base:${member.tier_code}x${multiplier}%`,
            sourceType: 'purchase',
            sourceId: `${tx.storeId}/${tx.txId}`,
            createdAt: clock.now().toISOString(),
          });
        }
      }
      const result: PosTxResult = {
        txId: tx.txId,
        status: 'accepted',
        pointsEarned,
        ...(memberId !== null ? { memberId, pointsBalance, tier: tierCode } : {}),
      };
      await purchasesRepository.insert(sql, {
        storeId: tx.storeId,
        txId: tx.txId,
        memberId,
        amountFen: tx.amount,
        category: tx.category ?? store.category,
        occurredAt: tx.occurredAt,
        receivedAt: clock.now().toISOString(),
        pointsEarned,
        resultJson: JSON.stringify(result),
      });
      return { result, isNew: true };
    });

    if (outcome.isNew) {
      events.emit('purchaseAccepted', {
        storeId: tx.storeId,
        txId: tx.txId,
        memberId: outcome.result.memberId ?? null,
        amountFen: tx.amount,
        pointsEarned: outcome.result.pointsEarned,
      });
    }
    return outcome.result;
  }
}
