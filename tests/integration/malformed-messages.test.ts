import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics, type PosTxResult } from '@atrium/shared';
import { startTestHub, type TestHub } from '../support/hub-harness.js';
import { eventually, TestDevice } from '../support/devices.js';

interface Rejected {
  topic: string;
  messageId: string | null;
  reason: string;
  sizeBytes: number;
}

const TX_TOPIC = topics.posTx('demo', 'beauty-01');
const RESULT_TOPIC = topics.posTxResult('demo', 'beauty-01');
const valid = { txId: 'ok', storeId: 'beauty-01', occurredAt: '2026-11-25T15:00:00+08:00', amount: 1000, currency: 'CNY' };

describe('malformed device messages', () => {
  let hub: TestHub;
  let device: TestDevice;

  beforeAll(async () => {
    hub = await startTestHub();
    device = await TestDevice.connect(hub.mqttUrl);
    await device.subscribe(RESULT_TOPIC);
  });
  afterAll(async () => {
    await device?.close();
    await hub?.stop();
  });

  async function rejectedFor(topic: string, count: number): Promise<Rejected[]> {
    return eventually(async () => {
      const { body } = await hub.api<Rejected[]>('GET', '/api/rejected?limit=1000');
      const matching = body.filter((r) => r.topic === topic);
      if (matching.length < count) throw new Error(`only ${matching.length} rejections for ${topic}`);
      return matching;
    });
  }

  it.each([
    { name: 'text that is not JSON', payload: 'hello till', reason: /not valid JSON/, answered: false },
    { name: 'an amount given as a string', payload: { ...valid, txId: 'types-1', amount: '10.00' }, reason: /amount/, answered: true },
    { name: 'a negative amount', payload: { ...valid, txId: 'negative-1', amount: -500 }, reason: /amount: amount must not be negative/, answered: true },
    { name: 'an amount in yuan with decimals', payload: { ...valid, txId: 'float-1', amount: 12.5 }, reason: /integer number of fen/, answered: true },
    { name: 'a missing occurredAt', payload: { ...valid, txId: 'time-1', occurredAt: undefined }, reason: /occurredAt/, answered: true },
    { name: 'another currency', payload: { ...valid, txId: 'usd-1', currency: 'USD' }, reason: /currency must be "CNY"/, answered: true },
    { name: 'a storeId that differs from the topic', payload: { ...valid, txId: 'store-1', storeId: 'kids-01' }, reason: /does not match the topic/, answered: true },
  ])('$name is rejected with a reason, kept, and answered when its txId can be read', async ({ payload, reason, answered }) => {
    const txId = typeof payload === 'object' ? payload.txId : undefined;
    const answer = answered ? device.next<PosTxResult>(RESULT_TOPIC, (r) => r.txId === txId) : undefined;
    const before = (await hub.api<Rejected[]>('GET', '/api/rejected?limit=1000')).body.length;
    await device.publish(TX_TOPIC, typeof payload === 'string' ? payload : JSON.stringify(payload));

    if (answer) {
      const result = await answer;
      expect(result).toMatchObject({ txId, status: 'rejected', pointsEarned: 0 });
      expect(result.reason).toMatch(reason);
    }
    const kept = await eventually(async () => {
      const { body } = await hub.api<Rejected[]>('GET', '/api/rejected?limit=1000');
      if (body.length <= before) throw new Error('not kept yet');
      return body[0]!;
    });
    expect(kept.reason).toMatch(reason);
    expect(kept.topic).toBe(TX_TOPIC);
    expect(kept.messageId).toBe(txId ?? null);
  });

  it('a 1 MB payload is refused unread as too large and nothing is stored from it', async () => {
    const huge = JSON.stringify({ ...valid, txId: 'huge-1', items: [{ sku: 'x', name: 'y'.repeat(1024 * 1024), qty: 1, amount: 1 }] });
    const topic = topics.posTx('demo', 'home-01');
    await device.publish(topic, huge);
    const [kept] = await rejectedFor(topic, 1);
    expect(kept!.reason).toMatch(/payload too large/);
    expect(kept!.sizeBytes).toBeGreaterThan(1024 * 1024);
    const stored = await hub.started.db.get('SELECT 1 FROM purchases WHERE tx_id = ?', ['huge-1']);
    expect(stored).toBeUndefined();
  });

  it.each([
    { topic: 'atrium/demo/pos/tx', why: /unknown topic shape .*expected atrium\/demo\/pos\/\{storeId\}\/tx/ },
    { topic: 'atrium/demo/pos/beauty 01/tx', why: /no valid device id segment/ },
    { topic: 'atrium/demo/pos/beauty-01/sale', why: /unknown topic shape/ },
    { topic: 'atrium/demo/parking/gate-north/events/extra', why: /unknown topic shape/ },
  ])('a message on the unknown topic $topic is rejected and kept', async ({ topic, why }) => {
    await device.publish(topic, valid);
    const [kept] = await rejectedFor(topic, 1);
    expect(kept!.reason).toMatch(why);
  });

  it('a malformed gate event keeps the barrier closed and asks the driver to call staff', async () => {
    const commandTopic = topics.gateCommand('demo', 'gate-south');
    await device.subscribe(commandTopic);
    const command = device.next<{ eventId: string; open: boolean; lines: string[] }>(commandTopic, (c) => c.eventId === 'bad-gate-1');
    await device.publish(topics.gateEvent('demo', 'gate-south'), { eventId: 'bad-gate-1', gateId: 'gate-south', direction: 'sideways', plate: '浙A12345', confidence: 0.9, occurredAt: '2026-11-25T10:00:00+08:00' });
    expect(await command).toMatchObject({ open: false, lines: ['请联系工作人员', 'Please call staff'] });
  });

  it('after all that the hub is healthy and still counts a valid purchase', async () => {
    const health = await fetch(`${hub.baseUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', db: 'ok', mqtt: 'connected' });
    const answer = device.next<PosTxResult>(RESULT_TOPIC, (r) => r.txId === 'after-1');
    await device.publish(TX_TOPIC, { ...valid, txId: 'after-1' });
    expect(await answer).toMatchObject({ status: 'accepted' });
    const rows = await hub.started.db.all('SELECT tx_id FROM purchases');
    expect(rows).toEqual([{ tx_id: 'after-1' }]);
  });

  it('kept payloads are encrypted at rest: no plate or member code can be read from the database file', async () => {
    const rows = await hub.started.db.all<{ payload_enc: string }>('SELECT payload_enc FROM rejected_messages');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.payload_enc).toMatch(/^v1\./);
      expect(row.payload_enc).not.toContain('浙A12345');
    }
  });
});
