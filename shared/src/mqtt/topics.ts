import type { CouponReserve, CouponReserveResult, DeviceStatus, GateCommand, GateEvent, ParkingPaid, PosRefund, PosRefundResult, PosTx, PosTxResult } from './payloads.js';

/**
 * MQTT topic builders and the topic → payload map (DESIGN §2).
 * Every topic starts with `atrium/{mall}/`.
 */
export const topics = {
  posTx: (mall: string, storeId: string) => `atrium/${mall}/pos/${storeId}/tx`,
  posTxResult: (mall: string, storeId: string) => `atrium/${mall}/pos/${storeId}/tx/result`,
  posRefund: (mall: string, storeId: string) => `atrium/${mall}/pos/${storeId}/refund`,
  posRefundResult: (mall: string, storeId: string) => `atrium/${mall}/pos/${storeId}/refund/result`,
  couponReserve: (mall: string, storeId: string) => `atrium/${mall}/pos/${storeId}/coupon/reserve`,
  couponReserveResult: (mall: string, storeId: string) => `atrium/${mall}/pos/${storeId}/coupon/reserve/result`,
  gateEvent: (mall: string, gateId: string) => `atrium/${mall}/parking/${gateId}/event`,
  gateCommand: (mall: string, gateId: string) => `atrium/${mall}/parking/${gateId}/command`,
  parkingPaid: (mall: string, gateId: string) => `atrium/${mall}/parking/${gateId}/paid`,
  deviceStatus: (mall: string, deviceId: string) => `atrium/${mall}/device/${deviceId}/status`,
};

/** What the hub subscribes to. Wide on purpose: a message on a misspelt topic is rejected and kept, not ignored. */
export const hubSubscriptions = (mall: string) => [`atrium/${mall}/pos/#`, `atrium/${mall}/parking/#`, `atrium/${mall}/device/#`];

export interface TopicPayloads {
  posTx: PosTx;
  posTxResult: PosTxResult;
  posRefund: PosRefund;
  posRefundResult: PosRefundResult;
  couponReserve: CouponReserve;
  couponReserveResult: CouponReserveResult;
  gateEvent: GateEvent;
  gateCommand: GateCommand;
  parkingPaid: ParkingPaid;
  deviceStatus: DeviceStatus;
}

export type InboundTopic =
  | { kind: 'posTx'; storeId: string }
  | { kind: 'posRefund'; storeId: string }
  | { kind: 'couponReserve'; storeId: string }
  | { kind: 'gateEvent'; gateId: string }
  | { kind: 'parkingPaid'; gateId: string }
  | { kind: 'deviceStatus'; deviceId: string }
  /** The hub's own replies, seen because the subscriptions are wide; ignored. */
  | { kind: 'hubReply' }
  | { kind: 'unknown'; reason: string };

const EXPECTED_SHAPE: Record<string, (mall: string) => string> = {
  pos: (mall) => `atrium/${mall}/pos/{storeId}/tx, …/refund or …/coupon/reserve`,
  parking: (mall) => `atrium/${mall}/parking/{gateId}/event or …/paid`,
  device: (mall) => `atrium/${mall}/device/{deviceId}/status`,
};

const SEGMENT = /^[A-Za-z0-9_.-]{1,64}$/;

/** Classifies an inbound topic of this mall. Pure: the MQTT adapter routes on its answer. */
export function parseInboundTopic(mall: string, topic: string): InboundTopic {
  const parts = topic.split('/');
  if (parts[0] !== 'atrium' || parts[1] !== mall) return { kind: 'unknown', reason: `topic is not under atrium/${mall}/` };
  const [, , area, deviceId, ...rest] = parts;
  const tail = rest.join('/');
  if (tail === 'tx/result' || tail === 'command' || tail.endsWith('/result')) return { kind: 'hubReply' };
  if (deviceId === undefined || !SEGMENT.test(deviceId)) {
    return { kind: 'unknown', reason: `topic ${topic} has no valid device id segment (letters, digits, _ . -)` };
  }
  if (area === 'pos' && tail === 'tx') return { kind: 'posTx', storeId: deviceId };
  if (area === 'pos' && tail === 'refund') return { kind: 'posRefund', storeId: deviceId };
  if (area === 'pos' && tail === 'coupon/reserve') return { kind: 'couponReserve', storeId: deviceId };
  if (area === 'parking' && tail === 'event') return { kind: 'gateEvent', gateId: deviceId };
  if (area === 'parking' && tail === 'paid') return { kind: 'parkingPaid', gateId: deviceId };
  if (area === 'device' && tail === 'status') return { kind: 'deviceStatus', deviceId };
  const expected = EXPECTED_SHAPE[area ?? ''];
  return { kind: 'unknown', reason: `unknown topic shape ${topic}; ${expected ? `expected ${expected(mall)}` : 'see docs/protocol.md'}` };
}
