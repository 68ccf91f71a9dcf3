import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics, type PosTxResult } from '@atrium/shared';
import { startTestHub, type TestHub } from '../support/hub-harness.js';
import { TestDevice } from '../support/devices.js';
import { startMosquitto, type RunningMosquitto } from '../support/mosquitto.js';

const MALL = 'demo';
const STORE = 'dining-01'; // demo store, category dining

function purchase(txId: string, amount: number, memberCode?: string) {
  return {
    txId,
    storeId: STORE,
    occurredAt: '2026-11-25T12:30:00+08:00',
    amount,
    currency: 'CNY',
    ...(memberCode ? { memberCode } : {}),
  };
}

describe.each([
  { broker: 'the embedded broker', external: false },
  { broker: 'an external Mosquitto', external: true },
])('purchases through $broker', ({ external }) => {
  let mosquitto: RunningMosquitto | undefined;
  let hub: TestHub;
  let till: TestDevice;
  const resultTopic = topics.posTxResult(MALL, STORE);

  beforeAll(async () => {
    mosquitto = external ? await startMosquitto() : undefined;
    hub = await startTestHub({ mqttUrl: mosquitto?.url });
    till = await TestDevice.connect(hub.mqttUrl);
    await till.subscribe(resultTopic);
  });

  afterAll(async () => {
    await till?.close();
    await hub?.stop();
    await mosquitto?.stop();
  });

  async function newMember(phone: string): Promise<{ id: number; code: string }> {
    const created = await hub.api<{ id: number }>('POST', '/api/members', { phone });
    expect(created.status).toBe(201);
    const pass = await hub.api<{ code: string }>('GET', `/api/members/${created.body.id}/pass`);
    return { id: created.body.id, code: pass.body.code };
  }

  async function send(tx: ReturnType<typeof purchase>): Promise<PosTxResult> {
    const answer = till.next<PosTxResult>(resultTopic, (r) => r.txId === tx.txId);
    await till.publish(topics.posTx(MALL, STORE), tx);
    return answer;
  }

  it('a member purchase earns one point per whole yuan and the answer shows the new balance and tier', async () => {
    const member = await newMember(external ? '13900000001' : '13800000001');
    const result = await send(purchase(`earn-${member.id}`, 12_399, member.code));
    expect(result).toMatchObject({ status: 'accepted', memberId: member.id, pointsEarned: 123, pointsBalance: 123, tier: 'member' });

    const ledger = await hub.started.db.all<{ delta: number; rule: string }>('SELECT delta, rule FROM points_ledger WHERE member_id = ?', [member.id]);
    expect(ledger).toEqual([{ delta: 123, rule: 'base:member×100%' }]);
    const view = await hub.api<{ points: number }>('GET', `/api/members/${member.id}`);
    expect(view.body.points).toBe(123);
  });

  it('the same purchase sent three times makes one ledger entry and three answers with the same numbers', async () => {
    const member = await newMember(external ? '13900000002' : '13800000002');
    const tx = purchase(`repeat-${member.id}`, 50_000, member.code);
    const results = [await send(tx), await send(tx), await send(tx)];

    expect(results.map((r) => r.status)).toEqual(['accepted', 'duplicate', 'duplicate']);
    const withoutStatus = results.map(({ status: _status, ...rest }) => rest);
    expect(withoutStatus[1]).toEqual(withoutStatus[0]);
    expect(withoutStatus[2]).toEqual(withoutStatus[0]);
    const entries = await hub.started.db.all('SELECT * FROM points_ledger WHERE member_id = ?', [member.id]);
    expect(entries).toHaveLength(1);
    const stored = await hub.started.db.all('SELECT * FROM purchases WHERE store_id = ? AND tx_id = ?', [STORE, tx.txId]);
    expect(stored).toHaveLength(1);
  });

  it('a purchase without a member is stored for analytics and earns nothing', async () => {
    const result = await send(purchase('anonymous-1', 8_800));
    expect(result).toEqual({ txId: 'anonymous-1', status: 'accepted', pointsEarned: 0 });
    const row = await hub.started.db.get<{ member_id: number | null; amount_fen: number; category: string }>(
      'SELECT member_id, amount_fen, category FROM purchases WHERE tx_id = ?',
      ['anonymous-1'],
    );
    expect(row).toEqual({ member_id: null, amount_fen: 8_800, category: 'dining' });
  });

  it('a forged member code is rejected with a reason and earns nothing', async () => {
    const member = await newMember(external ? '13900000003' : '13800000003');
    const forged = member.code.slice(0, -4) + (member.code.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const result = await send(purchase('forged-1', 10_000, forged));
    expect(result.status).toBe('rejected');
    expect(result.reason).toMatch(/signature/);
    const view = await hub.api<{ points: number }>('GET', `/api/members/${member.id}`);
    expect(view.body.points).toBe(0);
  });

  it('a purchase from a store the mall does not know is rejected', async () => {
    const answer = till.next<PosTxResult>(topics.posTxResult(MALL, 'ghost-store'), undefined, 5000);
    await till.subscribe(topics.posTxResult(MALL, 'ghost-store'));
    await till.publish(topics.posTx(MALL, 'ghost-store'), { ...purchase('ghost-1', 100), storeId: 'ghost-store' });
    const result = await answer;
    expect(result).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/unknown store/) });
  });
});
