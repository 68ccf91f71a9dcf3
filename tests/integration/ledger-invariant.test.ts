import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../hub/src/demo/demo-data.js';
import { startTestHub, TestClock, type TestHub } from '../support/hub-harness.js';
import { TestDevice } from '../support/devices.js';
import { ledgerConsistent, newMember, passCode, TestTill } from '../support/loyalty-fixtures.js';

/**
 * The ledger invariant under a long random mix of what members do: purchases,
 * refunds, check-ins, redemptions and expiries, with the clock moving on. After
 * every step each member's balance must equal the sum of their entries, and no
 * entry may ever be changed after it was written.
 */
describe('the points ledger over a long random sequence', () => {
  const clock = new TestClock(new Date('2026-01-05T10:00:00+08:00'));
  let hub: TestHub;
  let device: TestDevice;
  let tills: TestTill[];

  beforeAll(async () => {
    hub = await startTestHub({ clock, demo: true });
    device = await TestDevice.connect(hub.mqttUrl);
    tills = await Promise.all(['dining-03', 'fashion-03', 'kids-01'].map((s) => TestTill.open(device, s)));
  });
  afterAll(async () => {
    await device?.close();
    await hub?.stop();
  });

  it('keeps every balance equal to the sum of its entries, and never edits an entry', async () => {
    const rand = seededRandom(42);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const members = await Promise.all(Array.from({ length: 6 }, () => newMember(hub)));
    const reward = await hub.api<{ id: number }>('POST', '/api/rewards', { titleZh: '咖啡', titleEn: 'Coffee', kind: 'gift', pointsPrice: 150, stock: 1000 });
    const sales: Array<{ till: TestTill; txId: string; amount: number; refunded: number }> = [];
    const counts = { buy: 0, refund: 0, checkin: 0, redeem: 0, expire: 0 };
    let snapshot = new Map<number, string>();

    for (let step = 0; step < 240; step++) {
      const member = pick(members);
      const roll = rand();
      if (roll < 0.4) {
        const till = pick(tills);
        const txId = `inv-${step}`;
        const amount = 100 + Math.floor(rand() * 80_000);
        const result = await till.buy({ txId, amount, memberCode: await passCode(hub, member.id), occurredAt: clock.now().toISOString() });
        expect(result.status).toBe('accepted');
        sales.push({ till, txId, amount, refunded: 0 });
        counts.buy++;
      } else if (roll < 0.55 && sales.length > 0) {
        const sale = pick(sales);
        const left = sale.amount - sale.refunded;
        if (left > 0) {
          const amount = 1 + Math.floor(rand() * left);
          const answer = await sale.till.refund({ refundId: `inv-rf-${step}`, txId: sale.txId, amount });
          expect(answer.status).toBe('accepted');
          sale.refunded += amount;
          counts.refund++;
        }
      } else if (roll < 0.75) {
        await hub.api('POST', `/api/members/${member.id}/checkin`);
        counts.checkin++;
      } else if (roll < 0.9) {
        const res = await hub.api('POST', `/api/members/${member.id}/rewards/${reward.body.id}/redeem`, {});
        if (res.status === 201) counts.redeem++;
        else expect(res.status).toBe(409); // not enough points, or a negative balance after a refund
      } else {
        clock.advance(Math.floor(rand() * 120) * 86_400_000);
        if ((await hub.started.services.jobs.expirePoints()) > 0) counts.expire++;
      }
      clock.advance(Math.floor(rand() * 6 * 3600_000));

      for (const m of members) {
        const state = await ledgerConsistent(hub, m.id);
        expect(state.chained, `member ${m.id} at step ${step}`).toBe(true);
        expect(state.balance, `member ${m.id} at step ${step}`).toBe(state.sum);
      }
      // Append-only: every entry seen before is still there, unchanged.
      const rows = await hub.started.db.all<{ id: number; member_id: number; delta: number; balance_after: number; kind: string; created_at: string }>(
        'SELECT id, member_id, delta, balance_after, kind, created_at FROM points_ledger',
      );
      const now = new Map(rows.map((r) => [r.id, JSON.stringify(r)]));
      for (const [id, row] of snapshot) expect(now.get(id)).toBe(row);
      snapshot = now;
    }
    // The random walk really exercised every kind of movement.
    expect(counts.buy).toBeGreaterThan(50);
    expect(counts.refund).toBeGreaterThan(10);
    expect(counts.checkin).toBeGreaterThan(20);
    expect(counts.redeem).toBeGreaterThan(5);
    expect(counts.expire).toBeGreaterThan(0);
  });
});
