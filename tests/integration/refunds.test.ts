import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../support/hub-harness.js';
import { TestDevice } from '../support/devices.js';
import { startMosquitto, type RunningMosquitto } from '../support/mosquitto.js';
import { balanceOf, ledgerConsistent, newMember, TestTill } from '../support/loyalty-fixtures.js';

// A Wednesday morning in Shanghai: no bonus window applies, so points are the base rule.
const morning = '2026-11-25T10:30:00+08:00';

describe('refunds through a real Mosquitto', () => {
  let mosquitto: RunningMosquitto;
  let hub: TestHub;
  let device: TestDevice;
  let till: TestTill;

  beforeAll(async () => {
    mosquitto = await startMosquitto();
    hub = await startTestHub({ mqttUrl: mosquitto.url });
    device = await TestDevice.connect(mosquitto.url);
    till = await TestTill.open(device, 'home-01');
  });
  afterAll(async () => {
    await device?.close();
    await hub?.stop();
    await mosquitto?.stop();
  });

  it('partial refunds reverse the refunded share, and together they reverse exactly what was earned', async () => {
    const member = await newMember(hub);
    const sale = await till.buy({ txId: 'r-sale-1', amount: 33_300, memberCode: member.code, occurredAt: morning });
    expect(sale.pointsEarned).toBe(333);

    const first = await till.refund({ refundId: 'rf-1', txId: 'r-sale-1', amount: 11_100 });
    expect(first).toEqual({ refundId: 'rf-1', status: 'accepted', pointsReversed: 111 });
    const second = await till.refund({ refundId: 'rf-2', txId: 'r-sale-1', amount: 11_100 });
    const third = await till.refund({ refundId: 'rf-3', txId: 'r-sale-1', amount: 11_100 });
    expect(first.pointsReversed + second.pointsReversed + third.pointsReversed).toBe(333);
    expect(await balanceOf(hub, member.id)).toBe(0);
    expect(await ledgerConsistent(hub, member.id)).toEqual({ balance: 0, sum: 0, chained: true });
  });

  it('a repeated refund is a duplicate with the same answer, and reverses nothing more', async () => {
    const member = await newMember(hub);
    await till.buy({ txId: 'r-sale-2', amount: 10_000, memberCode: member.code, occurredAt: morning });
    const once = await till.refund({ refundId: 'rf-dup', txId: 'r-sale-2', amount: 5_000 });
    const twice = await till.refund({ refundId: 'rf-dup', txId: 'r-sale-2', amount: 5_000 });
    expect(twice).toEqual({ ...once, status: 'duplicate' });
    expect(await balanceOf(hub, member.id)).toBe(50);
  });

  it.each([
    { name: 'more than what is left of the purchase', txId: 'r-sale-3', amount: 10_001, reason: /more than what is left of the purchase \(10000 fen\)/ },
    { name: 'a purchase the store never made', txId: 'never-sold', amount: 100, reason: /no purchase never-sold at store home-01/ },
  ])('a refund of $name is rejected with a reason', async ({ txId, amount, reason }) => {
    const member = await newMember(hub);
    await till.buy({ txId: 'r-sale-3', amount: 10_000, memberCode: member.code, occurredAt: morning }).catch(() => undefined);
    const answer = await till.refund({ refundId: `rf-${txId}-${amount}`, txId, amount });
    expect(answer.status).toBe('rejected');
    expect(answer.reason).toMatch(reason);
  });

  it('a refund after the points were spent takes the balance below zero, which blocks redemptions until it recovers', async () => {
    const member = await newMember(hub);
    await till.buy({ txId: 'r-sale-4', amount: 100_000, memberCode: member.code, occurredAt: morning });
    const reward = await hub.api<{ id: number }>('POST', '/api/rewards', { titleZh: '帆布袋', titleEn: 'Tote bag', kind: 'gift', pointsPrice: 800, stock: 10 });
    expect((await hub.api('POST', `/api/members/${member.id}/rewards/${reward.body.id}/redeem`, {})).status).toBe(201);
    expect(await balanceOf(hub, member.id)).toBe(200);

    await till.refund({ refundId: 'rf-spent', txId: 'r-sale-4', amount: 100_000 });
    expect(await balanceOf(hub, member.id)).toBe(-800);
    const blocked = await hub.api<{ error: { code: string } }>('POST', `/api/members/${member.id}/rewards/${reward.body.id}/redeem`, {});
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('negative_balance');
    expect(await ledgerConsistent(hub, member.id)).toEqual({ balance: -800, sum: -800, chained: true });
  });

  it('a refund lowers the spend the tier is judged on', async () => {
    const member = await newMember(hub);
    await till.buy({ txId: 'r-sale-5', amount: 600_000, memberCode: member.code, occurredAt: morning });
    let wallet = await hub.api<{ progress: { spend12mFen: number } }>('GET', `/api/members/${member.id}/wallet`);
    expect(wallet.body.progress.spend12mFen).toBe(600_000);
    await till.refund({ refundId: 'rf-tier', txId: 'r-sale-5', amount: 200_000 });
    wallet = await hub.api('GET', `/api/members/${member.id}/wallet`);
    expect(wallet.body.progress.spend12mFen).toBe(400_000);
  });
});
