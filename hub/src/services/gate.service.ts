import { randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import { barrierLines, maskPlate, memberGreeting, normalizePlate, strangerWelcome, type GateCommand, type GateEvent, type ScreenOffer } from '@atrium/shared';
import type { Database } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { EventBus } from '../platform/events.js';
import type { Vault } from '../platform/vault.js';
import { layoutRepository } from '../repositories/layout.repository.js';
import { membersRepository } from '../repositories/members.repository.js';
import { parkingRepository } from '../repositories/parking.repository.js';
import { tiersRepository } from '../repositories/tiers.repository.js';

export const GREETING_TTL_MS = 15_000;

export type GateOutcome =
  | { status: 'handled' | 'duplicate'; command: GateCommand }
  | { status: 'rejected'; reason: string };

/**
 * Cars at the barrier: an `in` opens a parking session and greets the driver on
 * the gate's display; an `out` closes it. Fees and benefits come with parking.
 */
export class GateService {
  private joinQr: Promise<{ url: string; dataUrl: string }> | undefined;

  constructor(private readonly deps: { db: Database; clock: Clock; events: EventBus; vault: Vault; joinUrl: () => string }) {}

  async handle(event: GateEvent): Promise<GateOutcome> {
    const { db, clock, vault } = this.deps;
    const plate = normalizePlate(event.plate);
    const plateHash = vault.lookupHash('plate', plate);
    const plateMasked = maskPlate(plate);
    // Made outside the transaction: QR rendering is slow CPU work that must not hold the database.
    const joinQr = event.direction === 'in' ? await this.joinQrCode() : undefined;

    let announce: (() => void) | undefined;
    const outcome = await db.transaction(async (sql): Promise<GateOutcome> => {
      const earlier = await parkingRepository.findEventCommand(sql, event.gateId, event.eventId);
      if (earlier) return { status: 'duplicate', command: JSON.parse(earlier) as GateCommand };
      if (!(await layoutRepository.gate(sql, event.gateId))) {
        return { status: 'rejected', reason: `unknown gate ${event.gateId}; register it in the console` };
      }
      const member = await membersRepository.findByPlateHash(sql, plateHash);
      const now = clock.now().toISOString();
      let sessionId: number | null;
      let command: GateCommand;

      if (event.direction === 'in') {
        sessionId = await parkingRepository.openSession(sql, {
          plateHash,
          plateEnc: vault.encrypt(plate),
          plateMasked,
          memberId: member?.id ?? null,
          gateId: event.gateId,
          at: new Date(event.occurredAt).toISOString(),
        });
        let offer: ScreenOffer;
        if (member) {
          const tier = await tiersRepository.get(sql, member.tier_code);
          offer = memberGreeting(
            randomUUID(),
            {
              tierCode: member.tier_code,
              tierName: { zh: tier?.name_zh ?? member.tier_code, en: tier?.name_en ?? member.tier_code },
              maskedPlate: plateMasked,
              points: member.points_balance,
              freeParkingHours: tier?.free_parking_hours ?? 0,
            },
            GREETING_TTL_MS,
          );
          const memberId = member.id;
          await membersRepository.touchVisit(sql, memberId, new Date(event.occurredAt).toISOString(), false);
          announce = () => this.deps.events.emit('memberArrived', { gateId: event.gateId, memberId, offer });
        } else {
          offer = strangerWelcome(randomUUID(), plateMasked, joinQr!, GREETING_TTL_MS);
          announce = () => this.deps.events.emit('strangerArrived', { gateId: event.gateId, offer });
        }
        command = { eventId: event.eventId, open: true, fee: 0, lines: barrierLines(offer) };
      } else {
        const session = await parkingRepository.openSessionOf(sql, plateHash);
        sessionId = session?.id ?? null;
        if (session) await parkingRepository.closeSession(sql, session.id, event.gateId, new Date(event.occurredAt).toISOString());
        command = { eventId: event.eventId, open: true, fee: 0, lines: ['一路顺风', plateMasked] };
        const memberId = member?.id ?? null;
        announce = () => this.deps.events.emit('carLeft', { gateId: event.gateId, sessionId, memberId });
      }

      await parkingRepository.insertEvent(sql, {
        gateId: event.gateId,
        eventId: event.eventId,
        direction: event.direction,
        plateHash,
        plateMasked,
        confidence: event.confidence,
        occurredAt: new Date(event.occurredAt).toISOString(),
        receivedAt: now,
        memberId: member?.id ?? null,
        sessionId,
        commandJson: JSON.stringify(command),
      });
      return { status: 'handled', command };
    });
    // Announced only after the commit: a screen never greets a car whose event rolled back.
    if (outcome.status === 'handled') announce?.();
    return outcome;
  }

  private joinQrCode(): Promise<{ url: string; dataUrl: string }> {
    const url = this.deps.joinUrl();
    this.joinQr ??= QRCode.toDataURL(url, { margin: 1, width: 480, errorCorrectionLevel: 'M' }).then((dataUrl) => ({ url, dataUrl }));
    return this.joinQr;
  }
}
