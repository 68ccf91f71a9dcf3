import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import type { z } from 'zod';
import {
  couponReserveSchema,
  deviceStatusSchema,
  gateEventSchema,
  hubSubscriptions,
  parseInboundTopic,
  parseWith,
  parkingPaidSchema,
  posRefundSchema,
  posTxSchema,
  topics,
  type CouponReserveResult,
  type GateCommand,
  type PosRefundResult,
  type PosTxResult,
} from '@atrium/shared';
import type { Logger } from '../../platform/logger.js';
import type { DeviceStatusService } from '../../services/device-status.service.js';
import type { ParkingService } from '../../services/parking.service.js';
import type { CouponService } from '../../services/coupon.service.js';
import type { PurchaseService } from '../../services/purchase.service.js';
import type { RefundService } from '../../services/refund.service.js';
import type { RejectionService } from '../../services/rejection.service.js';

/** What a barrier is told when the hub cannot decide for it: stay closed, ask for staff. */
const CALL_STAFF = { open: false, fee: 0, lines: ['请联系工作人员', 'Please call staff'] };

/** Device payloads are small JSON documents; anything larger is refused unread. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;

export interface MqttGatewayDeps {
  url: string;
  mall: string;
  clientId: string;
  logger: Logger;
  purchases: PurchaseService;
  refunds: RefundService;
  coupons: CouponService;
  parking: ParkingService;
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
  private stopping = false;

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
      // While stopping, new messages are left unacknowledged: the broker keeps them in
      // our persistent session (clean: false) and delivers them when the hub is back.
      if (this.stopping) return;
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
      // Answers are tiny and follow a PUBACK at once: without this, Nagle's algorithm and
      // the broker's delayed ACK hold each one back by ~40 ms.
      (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
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

  /**
   * Stops taking messages, lets the ones in flight commit and be acknowledged, then
   * disconnects. It does not unsubscribe: with an external broker the session keeps
   * collecting messages for the hub's next start.
   */
  async stop(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.stopping = true;
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    // A clean end waits for our own answers to be acknowledged; a dead broker must not hold the shutdown.
    await Promise.race([client.endAsync(), new Promise((resolve) => setTimeout(resolve, 3000))]);
    if (!client.disconnected) await client.endAsync(true);
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
      case 'posTx':
        return this.serve(topic, payload, body, {
          schema: posTxSchema,
          idField: 'txId',
          owner: { field: 'storeId', value: target.storeId },
          answerTopic: topics.posTxResult(this.deps.mall, target.storeId),
          refusal: (txId, reason): PosTxResult => ({ txId, status: 'rejected', pointsEarned: 0, reason }),
          handle: async (tx) => {
            const result = await this.deps.purchases.record(tx);
            return { answer: result, rejected: result.status === 'rejected' ? result.reason : undefined };
          },
        });
      case 'posRefund':
        return this.serve(topic, payload, body, {
          schema: posRefundSchema,
          idField: 'refundId',
          answerTopic: topics.posRefundResult(this.deps.mall, target.storeId),
          refusal: (refundId, reason): PosRefundResult => ({ refundId, status: 'rejected', pointsReversed: 0, reason }),
          handle: async (refund) => {
            const result = await this.deps.refunds.record(target.storeId, refund);
            return { answer: result, rejected: result.status === 'rejected' ? result.reason : undefined };
          },
        });
      case 'couponReserve':
        return this.serve(topic, payload, body, {
          schema: couponReserveSchema,
          idField: 'requestId',
          answerTopic: topics.couponReserveResult(this.deps.mall, target.storeId),
          refusal: (requestId, reason): CouponReserveResult => ({ requestId, code: readId(body, 'code') ?? '', status: 'invalid', reason }),
          // A refused coupon is an everyday answer to the till, not a malformed message: nothing is kept.
          handle: async (req) => ({ answer: await this.deps.coupons.reserve(target.storeId, req) }),
        });
      case 'gateEvent':
        return this.serve(topic, payload, body, {
          schema: gateEventSchema,
          idField: 'eventId',
          owner: { field: 'gateId', value: target.gateId },
          answerTopic: topics.gateCommand(this.deps.mall, target.gateId),
          // A barrier that cannot be sure who is there stays closed and asks for staff.
          refusal: (eventId): GateCommand => ({ eventId, ...CALL_STAFF }),
          handle: async (event) => {
            const outcome = await this.deps.parking.handleEvent(event);
            if (outcome.status === 'rejected') {
              return { answer: { eventId: event.eventId, ...CALL_STAFF }, rejected: outcome.reason };
            }
            return { answer: outcome.command };
          },
        });
      case 'parkingPaid':
        return this.serve(topic, payload, body, {
          schema: parkingPaidSchema,
          idField: 'eventId',
          answerTopic: topics.gateCommand(this.deps.mall, target.gateId),
          refusal: (eventId): GateCommand => ({ eventId, ...CALL_STAFF }),
          handle: async (paid) => {
            const outcome = await this.deps.parking.handlePaid(target.gateId, paid);
            // A payment that does not settle the bill leaves the barrier closed, with the reason kept for staff.
            if (outcome.status === 'rejected') return { answer: { eventId: paid.eventId, ...CALL_STAFF }, rejected: outcome.reason };
            return { answer: outcome.command };
          },
        });
      case 'deviceStatus': {
        const parsed = parseWith(deviceStatusSchema, body);
        if (!parsed.ok) return this.reject(topic, payload, { reason: parsed.reason });
        await this.deps.deviceStatus.record(target.deviceId, parsed.value);
        return;
      }
    }
  }

  /**
   * The common path of a device request: validate with the shared schema, check
   * that the payload's own device id matches the topic's, call the service, keep
   * refusals, and answer on the reply topic whenever the request's id can be read.
   */
  private async serve<S extends z.ZodType, A extends object>(
    topic: string,
    payload: Buffer,
    body: unknown,
    route: {
      schema: S;
      idField: string;
      owner?: { field: string; value: string };
      answerTopic: string;
      refusal: (id: string, reason: string) => A;
      handle: (value: z.infer<S>) => Promise<{ answer: A; rejected?: string | undefined }>;
    },
  ): Promise<void> {
    const id = readId(body, route.idField);
    const parsed = parseWith(route.schema, body);
    let problem = parsed.ok ? undefined : parsed.reason;
    if (parsed.ok && route.owner) {
      const claimed = (parsed.value as Record<string, unknown>)[route.owner.field];
      if (claimed !== route.owner.value) problem = `${route.owner.field} ${String(claimed)} does not match the topic's ${route.owner.value}`;
    }
    if (problem !== undefined || !parsed.ok) {
      await this.reject(topic, payload, { reason: problem ?? 'invalid', messageId: id });
      if (id) this.publish(route.answerTopic, route.refusal(id, problem ?? 'invalid'));
      return;
    }
    const { answer, rejected } = await route.handle(parsed.value);
    if (rejected !== undefined) await this.reject(topic, payload, { reason: rejected, messageId: id });
    this.publish(route.answerTopic, answer);
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
