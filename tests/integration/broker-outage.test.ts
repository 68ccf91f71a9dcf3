import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics, type PosTxResult } from '@atrium/shared';
import { startTestHub, type TestHub } from '../support/hub-harness.js';
import { eventually, TestDevice } from '../support/devices.js';
import { startMosquitto, type RunningMosquitto } from '../support/mosquitto.js';

describe('when the external broker goes away', () => {
  let mosquitto: RunningMosquitto;
  let hub: TestHub;

  beforeAll(async () => {
    mosquitto = await startMosquitto();
    hub = await startTestHub({ mqttUrl: mosquitto.url });
  });
  afterAll(async () => {
    await hub?.stop();
    await mosquitto?.stop();
  });

  const health = async () => {
    const res = await fetch(`${hub.baseUrl}/api/health`);
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };

  it('health says 503 and names MQTT as the failing part, and the hub keeps serving HTTP', async () => {
    await mosquitto.stop();
    const down = await eventually(async () => {
      const h = await health();
      if (h.status !== 503) throw new Error('still healthy');
      return h;
    });
    expect(down.body).toEqual({ status: 'degraded', db: 'ok', mqtt: 'disconnected' });
  });

  it('reconnects and resubscribes by itself when the broker is back, and counts purchases again', async () => {
    mosquitto = await startMosquitto({ port: mosquitto.port });
    await eventually(async () => {
      if ((await health()).status !== 200) throw new Error('not reconnected yet');
    }, 15_000);
    const till = await TestDevice.connect(mosquitto.url);
    const resultTopic = topics.posTxResult('demo', 'kids-01');
    await till.subscribe(resultTopic);
    // The subscription is re-made on connect; retry the publish until the hub answers.
    const result = await eventually(async () => {
      const answer = till.next<PosTxResult>(resultTopic, (r) => r.txId === 'after-outage', 1000);
      await till.publish(topics.posTx('demo', 'kids-01'), { txId: 'after-outage', storeId: 'kids-01', occurredAt: '2026-11-25T16:00:00+08:00', amount: 25_000, currency: 'CNY' });
      return answer;
    }, 15_000);
    expect(result.status).toMatch(/accepted|duplicate/);
    expect(await hub.started.db.all('SELECT tx_id FROM purchases')).toEqual([{ tx_id: 'after-outage' }]);
    await till.close();
  });
});
