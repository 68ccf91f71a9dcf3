import { randomBytes } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { topics, type DeviceStatus } from '@atrium/shared';
import { mallIso } from './common.js';

export interface DeviceConnection {
  client: MqttClient;
  /** Marks every device offline (retained) and disconnects cleanly. */
  close(): Promise<void>;
}

export interface DeviceConnectionOptions {
  url: string;
  mall: string;
  /** The connection's own device id: its MQTT will marks this id offline. */
  connectionId: string;
  /** The devices this connection speaks for; each gets a retained online status on every connect. */
  deviceIds: string[];
  subscriptions: string[];
  onMessage(topic: string, payload: Buffer): void;
  log(line: string): void;
}

/**
 * One MQTT connection speaking for several simulated devices (DESIGN §2: a
 * device publishes a retained `{state, at}` status and sets it as its will).
 * A broker holds one will per connection, so only `connectionId` goes offline by
 * itself if the simulator dies; a clean close marks every device offline.
 */
export async function connectDevices(opts: DeviceConnectionOptions): Promise<DeviceConnection> {
  const { url, mall, connectionId } = opts;
  // The hub keeps a status only if its `at` is not older than the stored one. The
  // will's `at` is fixed when connecting, so the connection's own online status
  // carries the same `at`: otherwise a later will would look stale and be ignored.
  const connectedAt = mallIso(new Date());
  const statusOf = (state: DeviceStatus['state'], at: string): string => JSON.stringify({ state, at } satisfies DeviceStatus);
  const client = mqtt.connect(url, {
    clientId: `atrium-${connectionId}-${randomBytes(4).toString('hex')}`,
    clean: true,
    reconnectPeriod: 1000,
    connectTimeout: 5000,
    will: { topic: topics.deviceStatus(mall, connectionId), payload: Buffer.from(statusOf('offline', connectedAt)), qos: 1, retain: true },
  });

  let everConnected = false;
  let warned = false;
  let lastError = '';
  client.on('error', (err) => {
    lastError = err.message;
    if (everConnected) opts.log(`${connectionId}: MQTT error: ${err.message}`);
  });
  client.on('close', () => {
    if (everConnected || warned) return;
    warned = true;
    const why = lastError ? ` (${lastError})` : '';
    opts.log(`${connectionId}: cannot reach the broker at ${redactUrl(url)}${why}; is the hub running (npm start)? Retrying every second...`);
  });
  client.on('offline', () => everConnected && opts.log(`${connectionId}: connection lost, reconnecting...`));
  client.on('connect', () => {
    if (everConnected) opts.log(`${connectionId}: reconnected`);
    everConnected = true;
    const now = mallIso(new Date());
    const publishStatus = (id: string, at: string) =>
      client.publish(topics.deviceStatus(mall, id), statusOf('online', at), { qos: 1, retain: true }, (err) => {
        if (err) opts.log(`${connectionId}: status of ${id} not published: ${err.message}`);
      });
    publishStatus(connectionId, connectedAt);
    for (const id of opts.deviceIds) publishStatus(id, now);
  });
  client.on('message', (topic, payload) => opts.onMessage(topic, payload));

  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  // With clean sessions mqtt.js subscribes again by itself after a reconnect.
  await client.subscribeAsync(opts.subscriptions, { qos: 1 });

  return {
    client,
    async close() {
      const at = mallIso(new Date());
      const offline = statusOf('offline', at);
      if (client.connected) {
        await Promise.race([
          Promise.all([connectionId, ...opts.deviceIds].map((id) => client.publishAsync(topics.deviceStatus(mall, id), offline, { qos: 1, retain: true }))),
          new Promise((resolve) => setTimeout(resolve, 2000)),
        ]).catch(() => undefined);
      }
      await client.endAsync(true).catch(() => undefined);
    },
  };
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
