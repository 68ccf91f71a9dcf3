import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_CODE_TTL_SECONDS, topics, type PosTxResult } from '@atrium/shared';
import { startTestHub, TestClock, type TestHub } from '../support/hub-harness.js';
import { TestDevice } from '../support/devices.js';

describe('member codes at the till', () => {
  const clock = new TestClock();
  let hub: TestHub;
  let till: TestDevice;
  const resultTopic = topics.posTxResult('demo', 'fashion-01');

  beforeAll(async () => {
    hub = await startTestHub({ clock });
    till = await TestDevice.connect(hub.mqttUrl);
    await till.subscribe(resultTopic);
  });
  afterAll(async () => {
    await till?.close();
    await hub?.stop();
  });

  it('a code scanned after it expired is rejected and asks for a fresh pass; a fresh one is accepted', async () => {
    const { body: member } = await hub.api<{ id: number }>('POST', '/api/members', { phone: '13700000009' });
    const { body: pass } = await hub.api<{ code: string; expiresAt: string }>('GET', `/api/members/${member.id}/pass`);
    expect(new Date(pass.expiresAt).getTime() - clock.now().getTime()).toBe(MEMBER_CODE_TTL_SECONDS * 1000);

    clock.advance(MEMBER_CODE_TTL_SECONDS * 1000 + 1000);
    const tx = { txId: 'late-1', storeId: 'fashion-01', occurredAt: '2026-11-25T10:06:00+08:00', amount: 45_000, currency: 'CNY', memberCode: pass.code };
    let answer = till.next<PosTxResult>(resultTopic, (r) => r.txId === 'late-1');
    await till.publish(topics.posTx('demo', 'fashion-01'), tx);
    expect(await answer).toMatchObject({ status: 'rejected', pointsEarned: 0, reason: expect.stringMatching(/expired/) });

    const { body: fresh } = await hub.api<{ code: string }>('GET', `/api/members/${member.id}/pass`);
    answer = till.next<PosTxResult>(resultTopic, (r) => r.txId === 'late-2');
    await till.publish(topics.posTx('demo', 'fashion-01'), { ...tx, txId: 'late-2', memberCode: fresh.code });
    expect(await answer).toMatchObject({ status: 'accepted', pointsEarned: 450, pointsBalance: 450 });
  });
});
