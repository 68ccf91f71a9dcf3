import { randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import {
  barrierLines,
  driverOffer,
  exitBreakdown,
  isPlausiblePlate,
  mallDayRange,
  mallMoment,
  maskPlate,
  matchPlate,
  memberGreeting,
  normalizePlate,
  plateVariants,
  strangerWelcome,
  type BenefitLine,
  type ExitBreakdown,
  type GateCommand,
  type GateEvent,
  type Localized,
  type ParkedCar,
  type ParkingOccupancy,
  type ParkingPaid,
  type ScreenOffer,
  type Tariff,
} from '@atrium/shared';
import type { Database, Sql } from '../db/database.js';
import type { Clock } from '../platform/clock.js';
import type { Announcement, EventBus } from '../platform/events.js';
import type { Vault } from '../platform/vault.js';
import { layoutRepository } from '../repositories/layout.repository.js';
import { membersRepository, type MemberRow } from '../repositories/members.repository.js';
import { parkingRepository, type SessionRow, type TariffRow } from '../repositories/parking.repository.js';
import { segmentsRepository } from '../repositories/segments.repository.js';
import type { LoyaltyRulesService } from './loyalty-rules.service.js';

export const GREETING_TTL_MS = 15_000;
/** A bill stays on the barrier display while the driver pays. */
export const PAYMENT_TTL_MS = 5 * 60_000;

export type GateOutcome = { status: 'handled' | 'duplicate'; command: GateCommand } | { status: 'rejected'; reason: string };


export const toTariff = (t: TariffRow): Tariff => ({
  freeMinutes: t.free_minutes,
  perHourFen: t.per_hour_fen,
  dayCapFen: t.day_cap_fen,
  lostTicketFeeFen: t.lost_ticket_fee_fen,
  spendFenPerHour: t.spend_fen_per_hour,
  spendHoursCap: t.spend_hours_cap,
});

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

const BENEFIT_LABEL: Record<BenefitLine['kind'], Localized> = {
  tier: { zh: '会员等级免费时长', en: 'Member tier free hours' },
  spend: { zh: '当日消费抵扣', en: 'Spend in the mall today' },
  reward: { zh: '积分兑换停车时长', en: 'Parking hours bought with points' },
  coupon: { zh: '停车券', en: 'Parking coupon' },
};

/**
 * The car park: a session per car from entry to exit, the fee by tariff less the
 * member's benefits, the barrier's answer, payment confirmation, occupancy per
 * zone, long-stay alerts, and "find my car". Plates are looked up by keyed hash,
 * tolerating reader confusions without ever binding two members.
 */
export class ParkingService {
  private joinQr: Promise<{ url: string; dataUrl: string }> | undefined;

  /** The mall's time zone, for clients that show parking times. */
  get timeZone(): string {
    return this.deps.timeZone;
  }

  constructor(
    private readonly deps: { db: Database; clock: Clock; events: EventBus; vault: Vault; rules: LoyaltyRulesService; timeZone: string; baseUrl: () => string },
  ) {}

  async handleEvent(event: GateEvent): Promise<GateOutcome> {
    const joinQr = event.direction === 'in' ? await this.joinQrCode() : undefined;
    const announcements: Announcement[] = [];
    const outcome = await this.deps.db.transaction(async (sql): Promise<GateOutcome> => {
      const earlier = await parkingRepository.findEventCommand(sql, event.gateId, event.eventId);
      if (earlier) return { status: 'duplicate', command: JSON.parse(earlier) as GateCommand };
      const gate = await layoutRepository.gate(sql, event.gateId);
      if (!gate) return { status: 'rejected', reason: `unknown gate ${event.gateId}; register it in the console` };
      const plate = normalizePlate(event.plate);
      const tariff = await parkingRepository.tariff(sql);
      const result =
        event.direction === 'in'
          ? await this.arrive(sql, event, plate, gate.zone, tariff, joinQr!, announcements)
          : await this.leave(sql, event, plate, tariff, announcements);
      await parkingRepository.insertEvent(sql, {
        gateId: event.gateId,
        eventId: event.eventId,
        direction: event.direction,
        plateHash: this.hash(plate),
        plateMasked: maskPlate(plate),
        confidence: event.confidence,
        occurredAt: new Date(event.occurredAt).toISOString(),
        receivedAt: this.deps.clock.now().toISOString(),
        memberId: result.memberId,
        sessionId: result.sessionId,
        commandJson: JSON.stringify(result.command),
      });
      return { status: 'handled', command: result.command };
    });
    // Announced after the commit only: a display never shows a car whose event rolled back.
    if (outcome.status === 'handled') this.deps.events.emitAll(announcements);
    return outcome;
  }

  private async arrive(sql: Sql, event: GateEvent, plate: string, zone: string | null, tariff: TariffRow, joinQr: { url: string; dataUrl: string }, out: Announcement[]) {
    const at = new Date(event.occurredAt).toISOString();
    const confident = event.confidence >= tariff.min_confidence;
    const member = confident ? await this.memberOfPlate(sql, plate) : undefined;
    // The same car "entering" twice: the first entry's exit was missed. Close it as lost.
    for (const stale of await parkingRepository.openSessionsByHash(sql, [this.hash(plate)])) {
      await parkingRepository.closeAs(sql, stale.id, { gateId: null, at, reason: 'lost', feeFen: null, breakdownJson: null });
    }
    const sessionId = await parkingRepository.openSession(sql, {
      plateHash: this.hash(plate),
      plateEnc: this.deps.vault.encrypt(plate),
      plateMasked: maskPlate(plate),
      memberId: member?.id ?? null,
      gateId: event.gateId,
      zone,
      lowConfidence: !confident,
      at,
    });
    const moment = mallMoment(new Date(event.occurredAt), this.deps.timeZone);
    let offer: ScreenOffer;
    if (member) {
      await membersRepository.touchVisit(sql, member.id, at, false);
      const tier = await this.deps.rules.tier(sql, member.tier_code);
      offer = memberGreeting(
        randomUUID(),
        { tierCode: member.tier_code, tierName: { zh: tier.name_zh, en: tier.name_en }, maskedPlate: maskPlate(plate), points: member.points_balance, freeParkingHours: tier.free_parking_hours },
        GREETING_TTL_MS,
      );
      const line = driverOffer({ tags: await segmentsRepository.tags(sql, member.id), tierCode: member.tier_code }, moment);
      if (line) offer.lines.push(line);
      out.push({ event: 'memberArrived', payload: { gateId: event.gateId, memberId: member.id } });
    } else {
      offer = strangerWelcome(randomUUID(), maskPlate(plate), joinQr, GREETING_TTL_MS);
      if (!confident) offer.lines.push({ zh: '车牌未能清晰识别，出场时请出示会员码', en: 'Plate not read clearly: show your member code at the exit' });
      out.push({ event: 'strangerArrived', payload: { gateId: event.gateId } });
    }
    out.push({ event: 'barrierOffer', payload: { gateId: event.gateId, offer } });
    out.push({ event: 'occupancyChanged', payload: { at } });
    return { memberId: member?.id ?? null, sessionId, command: { eventId: event.eventId, open: true, fee: 0, lines: barrierLines(offer) } };
  }

  private async leave(sql: Sql, event: GateEvent, plate: string, tariff: TariffRow, out: Announcement[]) {
    const exitAt = new Date(event.occurredAt);
    let session = await this.openSessionOfPlate(sql, plate);
    if (!session) {
      // No entry on record (a missed read): the lost-ticket fee, and a flag for staff to check.
      const id = await parkingRepository.openSession(sql, {
        plateHash: this.hash(plate),
        plateEnc: this.deps.vault.encrypt(plate),
        plateMasked: maskPlate(plate),
        memberId: null,
        gateId: event.gateId,
        zone: null,
        lowConfidence: false,
        flagged: 'exit without entry',
        at: exitAt.toISOString(),
      });
      session = (await parkingRepository.session(sql, id))!;
      const bill: ExitBreakdown = { minutes: 0, hours: 0, grossFen: tariff.lost_ticket_fee_fen, benefits: [], coveredHours: 0, feeFen: tariff.lost_ticket_fee_fen };
      return this.billOrOpen(sql, event, session, bill, out);
    }
    const minutes = Math.max(0, Math.floor((exitAt.getTime() - Date.parse(session.entered_at)) / 60_000));
    const member = session.member_id === null ? undefined : await membersRepository.findById(sql, session.member_id);
    const bill = exitBreakdown(minutes, toTariff(tariff), await this.benefitsOf(sql, member, exitAt));
    return this.billOrOpen(sql, event, session, bill, out);
  }

  /** Nothing due: the benefits are used and the barrier opens. Something due: the barrier waits for payment. */
  private async billOrOpen(sql: Sql, event: GateEvent, session: SessionRow, bill: ExitBreakdown, out: Announcement[]) {
    const plate = session.plate_masked;
    if (bill.feeFen === 0) {
      await this.useBenefits(sql, session.id, bill);
      await parkingRepository.closeAs(sql, session.id, { gateId: event.gateId, at: new Date(event.occurredAt).toISOString(), reason: 'exit', feeFen: 0, breakdownJson: JSON.stringify(bill) });
      const offer = await this.farewell(sql, session, new Date(event.occurredAt));
      out.push({ event: 'barrierOffer', payload: { gateId: event.gateId, offer } });
      out.push({ event: 'carLeft', payload: { gateId: event.gateId, sessionId: session.id, memberId: session.member_id } });
      out.push({ event: 'occupancyChanged', payload: { at: new Date(event.occurredAt).toISOString() } });
      return { memberId: session.member_id, sessionId: session.id, command: { eventId: event.eventId, open: true, fee: 0, lines: barrierLines(offer) } };
    }
    await parkingRepository.setPendingExit(sql, session.id, { eventId: event.eventId, gateId: event.gateId, feeFen: bill.feeFen, breakdownJson: JSON.stringify(bill) });
    const payUrl = `${this.deps.baseUrl()}/m/pay?session=${session.id}&fee=${bill.feeFen}`;
    const offer: ScreenOffer = {
      id: randomUUID(),
      kind: 'payment',
      ttlMs: PAYMENT_TTL_MS,
      title: { zh: `应付 ${yuan(bill.feeFen)}`, en: `${yuan(bill.feeFen)} due` },
      lines: [{ zh: plate, en: plate }, ...(session.flagged ? [{ zh: '未找到入场记录，按遗失收费', en: 'No entry on record: lost-ticket fee' }] : [])],
      payment: {
        feeFen: bill.feeFen,
        grossFen: bill.grossFen,
        hours: bill.hours,
        minutes: bill.minutes,
        benefits: bill.benefits.map((b) => ({ label: BENEFIT_LABEL[b.kind], hours: b.hours })),
        payUrl,
        qrDataUrl: await QRCode.toDataURL(payUrl, { margin: 1, width: 480 }),
      },
    };
    out.push({ event: 'barrierOffer', payload: { gateId: event.gateId, offer } });
    return { memberId: session.member_id, sessionId: session.id, command: { eventId: event.eventId, open: false, fee: bill.feeFen, lines: [plate, `应付 ${yuan(bill.feeFen)}`, '请扫码支付'] } };
  }

  /** A pay station or payment page confirms payment; idempotent by paymentRef. */
  async handlePaid(gateId: string, paid: ParkingPaid): Promise<GateOutcome> {
    const announcements: Announcement[] = [];
    const outcome = await this.deps.db.transaction(async (sql): Promise<GateOutcome> => {
      const earlier = await parkingRepository.paymentCommand(sql, paid.paymentRef);
      if (earlier) return { status: 'duplicate', command: JSON.parse(earlier) as GateCommand };
      // The bill belongs to one exit at one gate: a payment sent on another gate's topic opens nothing.
      const session = await parkingRepository.pendingExit(sql, gateId, paid.eventId);
      if (!session || session.fee_fen === null) return { status: 'rejected', reason: `no exit ${paid.eventId} is waiting for payment at gate ${gateId}` };
      // The pay station's plate may be spelled as the exit camera read it (O/0, I/1, B/8): it must name the same car.
      const spellings = this.spellings(normalizePlate(paid.plate)).map((p) => this.hash(p));
      if (!spellings.includes(session.plate_hash)) return { status: 'rejected', reason: `plate does not match the car at exit ${paid.eventId}` };
      if (paid.amount < session.fee_fen) return { status: 'rejected', reason: `paid ${yuan(paid.amount)} but ${yuan(session.fee_fen)} is due` };
      const now = this.deps.clock.now();
      const bill = JSON.parse(session.breakdown_json ?? 'null') as ExitBreakdown | null;
      if (bill) await this.useBenefits(sql, session.id, bill);
      await parkingRepository.closeAs(sql, session.id, { gateId: session.pending_exit_gate_id, at: now.toISOString(), reason: 'paid', feeFen: session.fee_fen, paidFen: paid.amount, breakdownJson: session.breakdown_json });
      const offer = await this.farewell(sql, session, now);
      const command: GateCommand = { eventId: paid.eventId, open: true, fee: 0, lines: barrierLines(offer) };
      await parkingRepository.insertPayment(sql, { paymentRef: paid.paymentRef, gateId, eventId: paid.eventId, sessionId: session.id, amountFen: paid.amount, at: now.toISOString(), commandJson: JSON.stringify(command) });
      announcements.push({ event: 'barrierOffer', payload: { gateId, offer } });
      announcements.push({ event: 'carLeft', payload: { gateId, sessionId: session.id, memberId: session.member_id } });
      announcements.push({ event: 'occupancyChanged', payload: { at: now.toISOString() } });
      return { status: 'handled', command };
    });
    if (outcome.status === 'handled') this.deps.events.emitAll(announcements);
    return outcome;
  }

  async occupancy(): Promise<ParkingOccupancy> {
    const counts = new Map((await parkingRepository.occupancy(this.deps.db)).map((r) => [r.zone, r.occupied]));
    const zones = (await parkingRepository.zones(this.deps.db)).map((z) => {
      const occupied = counts.get(z.zone) ?? 0;
      return { zone: z.zone, name: z.name, capacity: z.capacity, occupied, free: Math.max(0, z.capacity - occupied) };
    });
    return { zones, at: this.deps.clock.now().toISOString() };
  }

  /** Raises each long stay once (default 3 h); returns how many were raised now. */
  async alertLongStays(): Promise<number> {
    const { db, clock, events } = this.deps;
    const now = clock.now();
    const tariff = await parkingRepository.tariff(db);
    let raised = 0;
    for (const s of await parkingRepository.openSessions(db)) {
      const minutes = Math.floor((now.getTime() - Date.parse(s.entered_at)) / 60_000);
      if (minutes < tariff.long_stay_minutes || s.long_stay_alerted_at) continue;
      if (await parkingRepository.markLongStay(db, s.id, now.toISOString())) {
        raised++;
        events.emit('longStay', { sessionId: s.id, memberId: s.member_id, plateMasked: s.plate_masked, minutes, zone: s.zone });
      }
    }
    return raised;
  }

  /** Find my car: the member's cars in the car park now. */
  async carsOf(memberId: number): Promise<ParkedCar[]> {
    const zones = new Map((await parkingRepository.zones(this.deps.db)).map((z) => [z.zone, z.name]));
    const cars: ParkedCar[] = [];
    for (const s of await parkingRepository.openSessionsOfMember(this.deps.db, memberId)) {
      const gate = await layoutRepository.gate(this.deps.db, s.entry_gate_id);
      cars.push({ plate: s.plate_masked, gate: gate?.name ?? s.entry_gate_id, zone: s.zone, zoneName: s.zone ? (zones.get(s.zone) ?? s.zone) : null, enteredAt: s.entered_at });
    }
    return cars;
  }

  // --- console
  async openSessions(plate?: string) {
    const rows = plate ? await parkingRepository.openSessionsByHash(this.deps.db, this.spellings(normalizePlate(plate)).map((p) => this.hash(p))) : await parkingRepository.openSessions(this.deps.db);
    const now = this.deps.clock.now().getTime();
    return rows.map((s) => ({
      id: s.id,
      plate: s.plate_masked,
      memberId: s.member_id,
      gateId: s.entry_gate_id,
      zone: s.zone,
      enteredAt: s.entered_at,
      minutes: Math.floor((now - Date.parse(s.entered_at)) / 60_000),
      feeDueFen: s.pending_exit_event_id ? s.fee_fen : null,
      lowConfidence: s.low_confidence === 1,
      flagged: s.flagged,
      longStay: s.long_stay_alerted_at !== null,
    }));
  }

  /** Today's numbers (mall day): entries, exits, revenue, benefits granted by kind. */
  async summary(at: Date) {
    const { from, to } = mallDayRange(at, this.deps.timeZone);
    const [fromIso, toIso] = [from.toISOString(), to.toISOString()];
    const sessions = await parkingRepository.sessionsBetween(this.deps.db, fromIso, toIso);
    const benefits: Record<BenefitLine['kind'], { count: number; hours: number }> = { tier: { count: 0, hours: 0 }, spend: { count: 0, hours: 0 }, reward: { count: 0, hours: 0 }, coupon: { count: 0, hours: 0 } };
    let stays = 0;
    let stayMinutes = 0;
    for (const s of sessions) {
      if (!s.exited_at || s.exited_at < fromIso || s.closed_reason === 'lost') continue;
      const bill = JSON.parse(s.breakdown_json ?? 'null') as ExitBreakdown | null;
      for (const b of bill?.benefits ?? []) {
        benefits[b.kind].count++;
        benefits[b.kind].hours += b.hours;
      }
      stays++;
      stayMinutes += bill?.minutes ?? 0;
    }
    const payments = await parkingRepository.paymentsBetween(this.deps.db, fromIso, toIso);
    return {
      day: mallMoment(at, this.deps.timeZone).day,
      entries: sessions.filter((s) => s.entered_at >= fromIso && !s.flagged).length,
      exits: stays,
      averageStayMinutes: stays ? Math.round(stayMinutes / stays) : 0,
      revenueFen: payments?.total ?? 0,
      payments: payments?.n ?? 0,
      benefits,
    };
  }

  async tariff(): Promise<TariffRow> {
    return parkingRepository.tariff(this.deps.db);
  }

  async setTariff(t: TariffRow): Promise<void> {
    await parkingRepository.putTariff(this.deps.db, t);
  }

  async setZone(zone: string, name: string, capacity: number): Promise<void> {
    await parkingRepository.putZone(this.deps.db, { zone, name, capacity });
    this.deps.events.emit('occupancyChanged', { at: this.deps.clock.now().toISOString() });
  }

  // --- helpers
  /** The reader-confusion spellings of a plausible plate; a garbled read is looked up only as read. */
  private spellings(plate: string): string[] {
    return isPlausiblePlate(plate) ? plateVariants(plate) : [plate];
  }

  private hash(plate: string): string {
    return this.deps.vault.lookupHash('plate', plate);
  }

  /** The member a plate belongs to, tolerating O/0, I/1, B/8, never binding when two members could match. */
  private async memberOfPlate(sql: Sql, plate: string): Promise<MemberRow | undefined> {
    const found: Array<{ variant: string; owner: MemberRow }> = [];
    for (const variant of this.spellings(plate)) {
      const owner = await membersRepository.findByPlateHash(sql, this.hash(variant));
      if (owner) found.push({ variant, owner });
    }
    const match = matchPlate(found, plate, (a, b) => a.id === b.id);
    return match.kind === 'exact' || match.kind === 'fuzzy' ? match.owner : undefined;
  }

  /** The open session of a plate as read at the exit: exact first, else one unambiguous fuzzy match. */
  private async openSessionOfPlate(sql: Sql, plate: string): Promise<SessionRow | undefined> {
    const variants = this.spellings(plate);
    const byHash = new Map(variants.map((v) => [this.hash(v), v]));
    const open = await parkingRepository.openSessionsByHash(sql, [...byHash.keys()]);
    const found = open.map((s) => ({ variant: byHash.get(s.plate_hash)!, owner: s }));
    const match = matchPlate(found, plate, (a, b) => a.plate_hash === b.plate_hash);
    if (match.kind === 'exact' || match.kind === 'fuzzy') {
      // The most recent open session of that plate.
      return open.filter((s) => s.plate_hash === match.owner.plate_hash).at(-1);
    }
    return undefined;
  }

  private async benefitsOf(sql: Sql, member: MemberRow | undefined, exitAt: Date) {
    if (!member) return { tierCode: null, tierFreeHours: 0, spendTodayFen: 0, rewardCredits: [], coupons: [] };
    const tier = await this.deps.rules.tier(sql, member.tier_code);
    const { from, to } = mallDayRange(exitAt, this.deps.timeZone);
    return {
      tierCode: tier.code,
      tierFreeHours: tier.free_parking_hours,
      spendTodayFen: await parkingRepository.spendBetween(sql, member.id, from.toISOString(), to.toISOString()),
      rewardCredits: (await parkingRepository.rewardCredits(sql, member.id)).map((r) => ({ ref: String(r.id), hours: r.left })),
      coupons: (await parkingRepository.parkingCoupons(sql, member.id, exitAt.toISOString())).map((c) => ({ ref: c.code, hours: c.hours })),
    };
  }

  private async useBenefits(sql: Sql, sessionId: number, bill: ExitBreakdown): Promise<void> {
    const at = this.deps.clock.now().toISOString();
    for (const b of bill.benefits) {
      if (b.kind === 'reward') await parkingRepository.useRewardHours(sql, Number(b.ref), b.hours, sessionId, at);
      if (b.kind === 'coupon') await parkingRepository.useCoupon(sql, b.ref, sessionId, at);
    }
  }

  private async farewell(sql: Sql, session: SessionRow, at: Date): Promise<ScreenOffer> {
    const lines: Localized[] = [{ zh: session.plate_masked, en: session.plate_masked }];
    if (session.member_id !== null) {
      const { from, to } = mallDayRange(at, this.deps.timeZone);
      const points = await parkingRepository.pointsEarnedBetween(sql, session.member_id, from.toISOString(), to.toISOString());
      if (points > 0) lines.push({ zh: `今日获得积分 ${points.toLocaleString('en-US')}`, en: `${points.toLocaleString('en-US')} points earned today` });
    }
    return { id: randomUUID(), kind: 'farewell', ttlMs: GREETING_TTL_MS, title: { zh: '一路顺风', en: 'Have a safe trip' }, lines };
  }

  private joinQrCode(): Promise<{ url: string; dataUrl: string }> {
    const url = `${this.deps.baseUrl()}/m/join`;
    this.joinQr ??= QRCode.toDataURL(url, { margin: 1, width: 480, errorCorrectionLevel: 'M' }).then((dataUrl) => ({ url, dataUrl }));
    return this.joinQr;
  }
}
