import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { topics } from '@atrium/shared';
import { startTestHub, type TestHub } from '../support/hub-harness.js';
import { eventually } from '../support/devices.js';

interface DeviceRow {
  deviceId: string;
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
      // The will is set at connect time, so its `at` is older than the online message that follows.
      will: { topic: statusTopic, payload: Buffer.from(JSON.stringify({ state: 'offline', at: '2026-11-25T09:59:59+08:00' })), qos: 1, retain: true },
    });
    await gate.publishAsync(statusTopic, JSON.stringify({ state: 'online', at: '2026-11-25T10:00:00+08:00' }), { qos: 1, retain: true });
    const online = await eventually(async () => {
      const { body } = await hub.api<DeviceRow[]>('GET', '/api/devices');
      const row = body.find((d) => d.deviceId === 'gate-east');
      if (!row) throw new Error('not yet');
      return row;
    });
    expect(online.state).toBe('online');

    // Drop the connection without a DISCONNECT so the broker publishes the will.
    gate.stream.destroy();
    await eventually(async () => {
      const { body } = await hub.api<DeviceRow[]>('GET', '/api/devices');
      expect(body.find((d) => d.deviceId === 'gate-east')?.state).toBe('offline');
    });
  });
});
