import { topics, type CouponReserveResult, type PosRefundResult, type PosTxResult } from '@atrium/shared';
import type { TestDevice } from './devices.js';
import type { TestHub } from './hub-harness.js';

/** A till of one demo store, talking to the hub through the real broker. */
export class TestTill {
  constructor(
    readonly device: TestDevice,
    readonly storeId: string,
    readonly mall = 'demo',
  ) {}

  static async open(device: TestDevice, storeId: string): Promise<TestTill> {
    await device.subscribe(topics.posTxResult('demo', storeId));
    await device.subscribe(topics.posRefundResult('demo', storeId));
    await device.subscribe(topics.couponReserveResult('demo', storeId));
    return new TestTill(device, storeId);
  }

  async buy(tx: { txId: string; amount: number; memberCode?: string; couponCodes?: string[]; occurredAt?: string; category?: string }): Promise<PosTxResult> {
    const answer = this.device.next<PosTxResult>(topics.posTxResult(this.mall, this.storeId), (r) => r.txId === tx.txId);
    await this.device.publish(topics.posTx(this.mall, this.storeId), {
      storeId: this.storeId,
      currency: 'CNY',
      occurredAt: tx.occurredAt ?? new Date().toISOString(),
      ...tx,
    });
    return answer;
  }

  async refund(r: { refundId: string; txId: string; amount: number }): Promise<PosRefundResult> {
    const answer = this.device.next<PosRefundResult>(topics.posRefundResult(this.mall, this.storeId), (x) => x.refundId === r.refundId);
    await this.device.publish(topics.posRefund(this.mall, this.storeId), { ...r, occurredAt: new Date().toISOString() });
    return answer;
  }

  async reserve(r: { requestId: string; code: string; txId: string; amount: number }): Promise<CouponReserveResult> {
    const answer = this.device.next<CouponReserveResult>(topics.couponReserveResult(this.mall, this.storeId), (x) => x.requestId === r.requestId);
    await this.device.publish(topics.couponReserve(this.mall, this.storeId), r);
    return answer;
  }
}

let phoneCounter = 0;

/** Registers a fresh member through the API and returns their id and a current member code. */
export async function newMember(hub: TestHub, extra: Record<string, unknown> = {}): Promise<{ id: number; code: string; referralCode: string }> {
  phoneCounter++;
  const phone = `1990${String(process.pid % 1000).padStart(3, '0')}${String(phoneCounter).padStart(4, '0')}`;
  const created = await hub.api<{ id: number; referralCode: string; error?: unknown }>('POST', '/api/members', { phone, ...extra });
  if (created.status !== 201) throw new Error(`member not created: ${JSON.stringify(created.body)}`);
  return { id: created.body.id, code: await passCode(hub, created.body.id), referralCode: created.body.referralCode };
}

export async function passCode(hub: TestHub, memberId: number): Promise<string> {
  return (await hub.api<{ code: string }>('GET', `/api/members/${memberId}/pass`)).body.code;
}

export async function balanceOf(hub: TestHub, memberId: number): Promise<number> {
  return (await hub.api<{ points: number }>('GET', `/api/members/${memberId}`)).body.points;
}

/** The ledger invariant: the cached balance equals the sum of the member's entries, and each entry's balance_after chains. */
export async function ledgerConsistent(hub: TestHub, memberId: number): Promise<{ balance: number; sum: number; chained: boolean }> {
  const member = await hub.started.db.get<{ points_balance: number }>('SELECT points_balance FROM members WHERE id = ?', [memberId]);
  const entries = await hub.started.db.all<{ delta: number; balance_after: number }>('SELECT delta, balance_after FROM points_ledger WHERE member_id = ? ORDER BY id', [memberId]);
  let running = 0;
  let chained = true;
  for (const e of entries) {
    running += e.delta;
    if (e.balance_after !== running) chained = false;
  }
  return { balance: member?.points_balance ?? NaN, sum: running, chained };
}

export const couponTemplate = (overrides: Record<string, unknown> = {}) => ({
  titleZh: '满200减30',
  titleEn: '¥30 off ¥200',
  kind: 'amount_off',
  valueFen: 3000,
  minSpendFen: 20000,
  totalStock: 100,
  perMemberLimit: 1,
  validDays: 30,
  ...overrides,
});
