import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import {
  deviceStatusSchema,
  gateEventSchema,
  hubSubscriptions,
  parseInboundTopic,
  parseWith,
  posTxSchema,
  topics,
  type GateCommand,
  type PosTxResult,
} from '@atrium/shared';
import type { Logger } from '../../platform/logger.js';
import type { DeviceStatusService } from '../../services/device-status.service.js';
import type { GateService } from '../../services/gate.service.js';
import type { PurchaseService } from '../../services/purchase.service.js';
import type { RejectionService } from '../../services/rejection.service.js';

/** Device payloads are small JSON documents; anything larger is refused unread. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

export interface MqttGatewayDeps {
  url: string;
  mall: string;
  clientId: string;
  logger: Logger;
  purchases: PurchaseService;
  gates: GateService;
  deviceStatus: DeviceStatusService;
  rejections: RejectionService;
}

type Rejection = { reason: string; messageId?: string | undefined };

/**
 * MQTT in → domain service → MQTT out. Thin on purpose: it classifies the topic,
 * validates the payload with the shared schema, calls one service and publishes
 * the answer. Business rules live in the services.
 *
 * Durability: the PUBACK for a QoS 1 message is sent only after `handleMessage`
 * calls back, i.e. after the service's transaction committed. A crash before that
 * makes the broker redeliver, and the ids make the redelivery a harmless duplicate.
 */
export class MqttGateway {
  private client: MqttClient | undefined;
  private inFlight = 0;
  private drained: (() => void) | undefined;

  constructor(private readonly deps: MqttGatewayDeps) {}

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  async start(): Promise<void> {
    const { url, clientId, mall, logger } = this.deps;
    // clean: false + a fixed client id: the broker keeps our subscriptions and queues
    // messages while the hub restarts.
    const client = mqtt.connect(url, { clientId, clean: false, reconnectPeriod: 1000, connectTimeout: 10_000 });
    this.client = client;
    client.handleMessage = (packet, done) => {
      this.inFlight++;
      void this.route(packet as IPublishPacket).finally(() => {
        this.inFlight--;
        if (this.inFlight === 0) this.drained?.();
        done();
      });
    };
    client.on('error', (err) => logger.error({ err: err.message }, 'mqtt error'));
    client.on('reconnect', () => logger.warn('mqtt reconnecting'));
    client.on('connect', () => {
      logger.info({ url: redactUrl(url) }, 'mqtt connected');
      client.subscribe(hubSubscriptions(mall), { qos: 1 }, (err) => err && logger.error({ err: err.message }, 'mqtt subscribe failed'));
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(new Error(`cannot reach MQTT broker at ${redactUrl(url)}: ${err.message}`));
      client.once('error', onError);
      client.once('connect', () => {
        client.off('error', onError);
        resolve();
      });
    });
  }

  /** Stops taking messages, lets the ones in flight commit and be acknowledged, then disconnects. */
  async stop(): Promise<void> {
    const client = this.client;
    if (!client) return;
    await client.unsubscribeAsync(hubSubscriptions(this.deps.mall)).catch(() => undefined);
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    await client.endAsync();
  }

  private async route(packet: IPublishPacket): Promise<void> {
    const topic = packet.topic;
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    try {
      await this.dispatch(topic, payload);
    } catch (err) {
      // A failing database must not lose the message: keep it with the error for staff to replay.
      this.deps.logger.error({ topic, err: (err as Error).message }, 'message handling failed');
      await this.deps.rejections
        .keep({ channel: 'mqtt', topic, messageId: undefined, reason: `internal error: ${(err as Error).message}`, payload })
        .catch((keepErr: Error) => this.deps.logger.error({ err: keepErr.message }, 'could not keep failed message'));
    }
  }

  private async dispatch(topic: string, payload: Buffer): Promise<void> {
    const target = parseInboundTopic(this.deps.mall, topic);
    if (target.kind === 'hubReply') return;
    if (target.kind === 'unknown') return this.reject(topic, payload, { reason: target.reason });
    if (payload.length > MAX_PAYLOAD_BYTES) {
      return this.reject(topic, payload, { reason: `payload too large: ${payload.length} bytes (limit ${MAX_PAYLOAD_BYTES})` });
    }
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch {
      return this.reject(topic, payload, { reason: 'payload is not valid JSON' });
    }

    switch (target.kind) {
      case 'posTx': {
        const txId = readId(body, 'txId');
        const answer = (result: PosTxResult) => this.publish(topics.posTxResult(this.deps.mall, target.storeId), result);
        const parsed = parseWith(posTxSchema, body);
        const problem = !parsed.ok
          ? parsed.reason
          : parsed.value.storeId !== target.storeId
            ? `storeId ${parsed.value.storeId} does not match the topic's store ${target.storeId}`
            : undefined;
        if (problem || !parsed.ok) {
          await this.reject(topic, payload, { reason: problem ?? 'invalid', messageId: txId });
          if (txId) answer({ txId, status: 'rejected', pointsEarned: 0, reason: problem });
          return;
        }
        const result = await this.deps.purchases.record(parsed.value);
        if (result.status === 'rejected') await this.reject(topic, payload, { reason: result.reason ?? 'rejected', messageId: txId });
        answer(result);
        return;
      }
      case 'gateEvent': {
        const eventId = readId(body, 'eventId');
        const command = (c: GateCommand) => this.publish(topics.gateCommand(this.deps.mall, target.gateId), c);
        // A barrier that cannot be sure who is there stays closed and asks for staff.
        const callStaff = (id: string) => command({ eventId: id, open: false, fee: 0, lines: ['请联系工作人员', 'Please call staff'] });
        const parsed = parseWith(gateEventSchema, body);
        const problem = !parsed.ok
          ? parsed.reason
          : parsed.value.gateId !== target.gateId
            ? `gateId ${parsed.value.gateId} does not match the topic's gate ${target.gateId}`
            : undefined;
        if (problem || !parsed.ok) {
          await this.reject(topic, payload, { reason: problem ?? 'invalid', messageId: eventId });
          if (eventId) callStaff(eventId);
          return;
        }
        const outcome = await this.deps.gates.handle(parsed.value);
        if (outcome.status === 'rejected') {
          await this.reject(topic, payload, { reason: outcome.reason, messageId: eventId });
          callStaff(parsed.value.eventId);
          return;
        }
        command(outcome.command);
        return;
      }
      case 'deviceStatus': {
        const parsed = parseWith(deviceStatusSchema, body);
        if (!parsed.ok) return this.reject(topic, payload, { reason: parsed.reason });
        await this.deps.deviceStatus.record(target.deviceId, parsed.value);
        return;
      }
    }
  }

  private reject(topic: string, payload: Buffer, r: Rejection): Promise<void> {
    return this.deps.rejections.keep({ channel: 'mqtt', topic, messageId: r.messageId, reason: r.reason, payload });
  }

  private publish(topic: string, message: object): void {
    this.client?.publish(topic, JSON.stringify(message), { qos: 1 }, (err) => {
      if (err) this.deps.logger.error({ topic, err: err.message }, 'mqtt publish failed');
    });
  }
}

function readId(body: unknown, field: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[field];
  return typeof value === 'string' && value.length > 0 && value.length <= 64 ? value : undefined;
}

function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
