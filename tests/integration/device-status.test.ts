import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { topics } from '@atrium/shared';
import { startTestHub, type TestHub } from '../support/hub-harness.js';
import { eventually } from '../support/devices.js';

interface DeviceRow {
  device_id: string;
  state: string;
}

describe('device status', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ demo: false });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('a gate that announces itself online shows online, and its MQTT will marks it offline when it drops', async () => {
    const statusTopic = topics.deviceStatus('demo', 'gate-east');
    const gate = await mqtt.connectAsync(hub.mqttUrl, {
      clientId: 'gate-east',
      reconnectPeriod: 0,
      will: { topic: statusTopic, payload: Buffer.from(JSON.stringify({ state: 'offline', at: '2026-11-25T10:05:00+08:00' })), qos: 1, retain: true },
    });
    await gate.publishAsync(statusTopic, JSON.stringify({ state: 'online', at: '2026-11-25T10:00:00+08:00' }), { qos: 1, retain: true });
    const online = await eventually(async () => {
      const { body } = await hub.api<DeviceRow[]>('GET', '/api/devices');
      const row = body.find((d) => d.device_id === 'gate-east');
      if (!row) throw new Error('not yet');
      return row;
    });
    expect(online.state).toBe('online');

    // Drop the connection without a DISCONNECT so the broker publishes the will.
    gate.stream.destroy();
    await eventually(async () => {
      const { body } = await hub.api<DeviceRow[]>('GET', '/api/devices');
      expect(body.find((d) => d.device_id === 'gate-east')?.state).toBe('offline');
    });
  });

  it('an older status arriving late does not overwrite a newer one', async () => {
    const client = await mqtt.connectAsync(hub.mqttUrl, { reconnectPeriod: 0 });
    const t = topics.deviceStatus('demo', 'till-9');
    await client.publishAsync(t, JSON.stringify({ state: 'online', at: '2026-11-25T12:00:00+08:00' }), { qos: 1 });
    await client.publishAsync(t, JSON.stringify({ state: 'offline', at: '2026-11-25T11:00:00+08:00' }), { qos: 1 });
    await client.publishAsync(topics.posTx('demo', 'marker'), 'x', { qos: 1 }); // processed after both, in order
    await eventually(async () => {
      const { body } = await hub.api<Array<{ topic: string }>>('GET', '/api/rejected');
      if (!body.some((r) => r.topic === topics.posTx('demo', 'marker'))) throw new Error('not yet');
    });
    const { body } = await hub.api<DeviceRow[]>('GET', '/api/devices');
    expect(body.find((d) => d.device_id === 'till-9')?.state).toBe('online');
    await client.endAsync();
  });
});
