import { EventEmitter } from 'node:events';
import type { ScreenCommand, ScreenOffer } from '@atrium/shared';

/** Internal events between domain services and the outputs (realtime, MQTT replies, console). */
export interface HubEvents {
  purchaseAccepted: { storeId: string; txId: string; memberId: number | null; amountFen: number; pointsEarned: number };
  refundAccepted: { storeId: string; refundId: string; txId: string; memberId: number | null; amountFen: number; pointsReversed: number };
  tierChanged: { memberId: number; from: string; to: string; reason: 'purchase' | 'review' };
  couponClaimed: { memberId: number; templateId: number; code: string; source: string };
  couponRedeemed: { memberId: number; code: string; storeId: string; txId: string; discountFen: number };
  memberCheckedIn: { memberId: number; day: string; streak: number; points: number };
  rewardRedeemed: { memberId: number; rewardId: number; points: number };
  kioskLinkConfirmed: { kioskId: string; memberId: number };
  ticketOpened: { ticketId: number; memberId: number | null; score: number };
  /** `screenId` when one screen's own settings changed (tags, floor, default playlist). */
  signageChanged: { at: string; screenId?: string };
  screenCommand: { screenId: string; command: ScreenCommand };
  memberJoined: { memberId: number; via: 'kiosk' | 'pass' | 'staff' };
  memberArrived: { gateId: string; memberId: number };
  strangerArrived: { gateId: string };
  carLeft: { gateId: string; sessionId: number | null; memberId: number | null };
  /** Something for the barrier displays of one gate: a greeting, a bill, a farewell. */
  barrierOffer: { gateId: string; offer: ScreenOffer };
  occupancyChanged: { at: string };
  longStay: { sessionId: number; memberId: number | null; plateMasked: string; minutes: number; zone: string | null };
  messageRejected: { channel: string; topic: string; reason: string };
  deviceStatusChanged: { deviceId: string; state: 'online' | 'offline'; at: string };
}

/** An event collected inside a transaction, emitted only after it commits (see EventBus.emitAll). */
export type Announcement = { [K in keyof HubEvents]: { event: K; payload: HubEvents[K] } }[keyof HubEvents];

/** A typed wrapper over EventEmitter, so a misspelt event or payload fails to compile. */
export class EventBus {
  private readonly emitter = new EventEmitter();

  on<K extends keyof HubEvents>(event: K, listener: (payload: HubEvents[K]) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  emit<K extends keyof HubEvents>(event: K, payload: HubEvents[K]): void {
    this.emitter.emit(event, payload);
  }

  /** Emits what a service collected during a transaction, in order; call after the commit. */
  emitAll(announcements: readonly Announcement[]): void {
    for (const a of announcements) this.emitter.emit(a.event, a.payload);
  }
}
