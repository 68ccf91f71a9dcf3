import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics, type GateCommand, type ScreenOffer } from '@atrium/shared';
import { readDemoTokens } from '../../hub/src/demo/seed.js';
import { startTestHub, TestClock, type TestHub } from '../support/hub-harness.js';
import { eventually, TestDevice, TestKiosk, TestScreen } from '../support/devices.js';
import { startMosquitto, type RunningMosquitto } from '../support/mosquitto.js';
import { couponTemplate, newMember, passCode, TestTill } from '../support/loyalty-fixtures.js';

/**
 * The car park through a real Mosquitto: the default tariff is ¥10 per started hour
 * after 15 free minutes, ¥60 a day; Classic members park 1 h free, Gold 3 h; every
 * ¥100 spent today covers an hour, up to 4.
 */
describe('parking', () => {
  const clock = new TestClock(new Date('2026-11-25T09:00:00+08:00'));
  let mosquitto: RunningMosquitto;
  let hub: TestHub;
  let gate: TestDevice;
  let display: TestScreen;
  let seq = 0;

  beforeAll(async () => {
    mosquitto = await startMosquitto();
    hub = await startTestHub({ mqttUrl: mosquitto.url, clock });
    gate = await TestDevice.connect(mosquitto.url);
    await gate.subscribe(topics.gateCommand('demo', 'gate-south'));
    const tokens = await readDemoTokens(hub.dataDir);
    display = await TestScreen.connect(hub.baseUrl, 'barrier-south', tokens['barrier-south']!);
  });
  afterAll(async () => {
    display?.close();
    await gate?.close();
    await hub?.stop();
    await mosquitto?.stop();
  });

  const commandTopic = topics.gateCommand('demo', 'gate-south');
  async function car(direction: 'in' | 'out', plate: string, opts: { eventId?: string; confidence?: number } = {}): Promise<GateCommand> {
    const eventId = opts.eventId ?? `p-${++seq}`;
    const answer = gate.next<GateCommand>(commandTopic, (c) => c.eventId === eventId);
    await gate.publish(topics.gateEvent('demo', 'gate-south'), { eventId, gateId: 'gate-south', direction, plate, confidence: opts.confidence ?? 0.95, occurredAt: clock.now().toISOString() });
    return answer;
  }
  const hours = (h: number) => clock.advance(h * 3600_000);

  it('a stranger who stayed 2 h 10 min pays ¥30: the barrier stays closed and the display shows the bill and a QR to pay', async () => {
    await car('in', '川A10001');
    hours(2);
    clock.advance(10 * 60_000);
    const bill = display.nextOffer();
    const command = await car('out', '川A10001');
    expect(command).toMatchObject({ open: false, fee: 3000 });
    const offer = await bill;
    expect(offer.kind).toBe('payment');
    expect(offer.payment).toMatchObject({ feeFen: 3000, grossFen: 3000, hours: 3, minutes: 130, benefits: [] });
    expect(offer.payment?.qrDataUrl).toMatch(/^data:image\/png;base64,/);

    // The pay station confirms: the barrier opens, once, however often it is told.
    const paid = { eventId: command.eventId, plate: '川A10001', amount: 3000, paymentRef: 'pay-0001' };
    const open = gate.next<GateCommand>(commandTopic, (c) => c.eventId === command.eventId && c.open);
    await gate.publish(topics.parkingPaid('demo', 'gate-south'), paid);
    expect(await open).toMatchObject({ open: true, fee: 0 });
    const again = gate.next<GateCommand>(commandTopic, (c) => c.eventId === command.eventId);
    await gate.publish(topics.parkingPaid('demo', 'gate-south'), paid);
    expect(await again).toMatchObject({ open: true });
    expect(await hub.started.db.all('SELECT payment_ref FROM parking_payments')).toEqual([{ payment_ref: 'pay-0001' }]);
  });

  it('a payment short of the fee keeps the barrier closed', async () => {
    await car('in', '川A10002');
    hours(3);
    const command = await car('out', '川A10002');
    const answer = gate.next<GateCommand>(commandTopic, (c) => c.eventId === command.eventId);
    await gate.publish(topics.parkingPaid('demo', 'gate-south'), { eventId: command.eventId, plate: '川A10002', amount: 100, paymentRef: 'pay-short' });
    expect(await answer).toMatchObject({ open: false, lines: ['请联系工作人员', 'Please call staff'] });
  });

  it('each benefit covers hours in order: tier, spend today, points, coupon — and a member never pays for covered hours', async () => {
    const member = await newMember(hub, { plates: ['川B20001'] });
    await hub.started.db.run("UPDATE members SET tier_code = 'gold' WHERE id = ?", [member.id]); // 3 h free
    const till = await TestTill.open(gate, 'dining-04');
    await till.buy({ txId: `park-spend-${member.id}`, amount: 25_000, memberCode: member.code, occurredAt: clock.now().toISOString() }); // ¥250: 2 h
    await hub.started.db.run('UPDATE members SET points_balance = points_balance + 1000 WHERE id = ?', [member.id]);
    await hub.started.db.run("INSERT INTO points_ledger (member_id, delta, balance_after, kind, rule, source_type, source_id, created_at) VALUES (?, 1000, (SELECT points_balance FROM members WHERE id = ?), 'adjust', 'test', 'test', ?, ?)", [member.id, member.id, `pk-${member.id}`, clock.now().toISOString()]);
    const reward = await hub.api<{ id: number }>('POST', '/api/rewards', { titleZh: '停车2小时', titleEn: '2 h parking', kind: 'parking_hours', pointsPrice: 200, stock: 10, parkingHours: 2 });
    expect((await hub.api('POST', `/api/members/${member.id}/rewards/${reward.body.id}/redeem`, {})).status).toBe(201);
    const template = await hub.api<{ id: number }>('POST', '/api/coupon-templates', couponTemplate({ titleEn: '3 h parking', kind: 'parking_hours', parkingHours: 3, valueFen: undefined, minSpendFen: 0 }));
    const coupon = await hub.api<{ code: string }>('POST', `/api/members/${member.id}/coupons`, { templateId: template.body.id });

    await car('in', '川B20001');
    hours(9); // 9 h: 3 tier + 2 spend + 2 points + coupon 3 (needs 2) → nothing due
    const farewell = display.nextOffer();
    const command = await car('out', '川B·20001');
    expect(command).toMatchObject({ open: true, fee: 0 });
    expect((await farewell).kind).toBe('farewell');
    const session = await hub.started.db.get<{ breakdown_json: string }>('SELECT breakdown_json FROM parking_sessions WHERE member_id = ? ORDER BY id DESC LIMIT 1', [member.id]);
    const bill = JSON.parse(session!.breakdown_json) as { benefits: Array<{ kind: string; hours: number }>; feeFen: number; grossFen: number };
    expect(bill.benefits.map((b) => [b.kind, b.hours])).toEqual([['tier', 3], ['spend', 2], ['reward', 2], ['coupon', 2]]);
    expect(bill).toMatchObject({ feeFen: 0, grossFen: 6000 });
    // The coupon and the points-bought hours are used up, never twice.
    const wallet = await hub.api<{ coupons: Array<{ code: string; status: string }> }>('GET', `/api/members/${member.id}/wallet`);
    expect(wallet.body.coupons.find((c) => c.code === coupon.body.code)?.status).toBe('redeemed');
    const credit = await hub.started.db.get<{ parking_hours_used: number }>('SELECT parking_hours_used FROM reward_redemptions WHERE member_id = ?', [member.id]);
    expect(credit?.parking_hours_used).toBe(2);
  });

  it('a member whose benefits run out pays only for the hours left', async () => {
    await newMember(hub, { plates: ['川B20002'] }); // Classic: 1 h free
    await car('in', '川B20002');
    hours(4); // 4 h: 1 free, 3 billed
    const command = await car('out', '川B20002');
    expect(command).toMatchObject({ open: false, fee: 3000 });
  });

  it('a repeated gate event does nothing twice', async () => {
    const first = await car('in', '川C30001', { eventId: 'dup-in-1' });
    const second = await car('in', '川C30001', { eventId: 'dup-in-1' });
    expect(second).toEqual(first);
    const sessions = await hub.started.db.all("SELECT id FROM parking_sessions WHERE status = 'open' AND plate_masked = '川C·***01'");
    expect(sessions).toHaveLength(1);
  });

  it('a second entry without an exit closes the older session as lost', async () => {
    await car('in', '川C30002');
    hours(1);
    await car('in', '川C30002');
    const rows = await hub.started.db.all<{ status: string; closed_reason: string | null }>("SELECT status, closed_reason FROM parking_sessions WHERE plate_masked = '川C·***02' ORDER BY id");
    expect(rows).toEqual([
      { status: 'closed', closed_reason: 'lost' },
      { status: 'open', closed_reason: null },
    ]);
  });

  it('an exit with no entry on record still gets an answer: the lost-ticket fee, flagged for staff', async () => {
    const command = await car('out', '川D40001');
    expect(command).toMatchObject({ open: false, fee: 10_000 });
    const alerts = await hub.api<Array<{ plate: string; flagged: string }>>('GET', '/api/parking/alerts');
    expect(alerts.body).toContainEqual(expect.objectContaining({ plate: '川D·***01', flagged: 'exit without entry' }));
  });

  it('a plate misread as O for 0 still finds the member, but never when two members could match', async () => {
    const member = await newMember(hub, { plates: ['川E50O01'.replace('O', '0')] }); // 川E50001
    const greeting = display.nextOffer();
    await car('in', '川E5OO01'); // 0s read as O
    expect((await greeting).kind).toBe('greeting');
    const session = await hub.started.db.get<{ member_id: number }>("SELECT member_id FROM parking_sessions WHERE status = 'open' ORDER BY id DESC LIMIT 1");
    expect(session?.member_id).toBe(member.id);

    await newMember(hub, { plates: ['川F60008'] });
    await newMember(hub, { plates: ['川F6000B'] });
    const welcome = display.nextOffer();
    await car('in', '川F6O008'); // O→0 gives 川F60008, and with 8→B 川F6000B: two members, so nobody is greeted
    expect((await welcome).kind).toBe('welcome');
    const ambiguous = await hub.started.db.get<{ member_id: number | null }>("SELECT member_id FROM parking_sessions WHERE status = 'open' ORDER BY id DESC LIMIT 1");
    expect(ambiguous?.member_id).toBeNull();
  });

  it('a read below the confidence threshold opens a session but binds no member, and says so', async () => {
    await newMember(hub, { plates: ['川G70001'] });
    const offer = display.nextOffer();
    await car('in', '川G70001', { confidence: 0.5 });
    const shown: ScreenOffer = await offer;
    expect(shown.kind).toBe('welcome');
    expect(shown.lines.map((l) => l.en)).toContain('Plate not read clearly: show your member code at the exit');
    const session = await hub.started.db.get<{ member_id: number | null; low_confidence: number }>("SELECT member_id, low_confidence FROM parking_sessions WHERE plate_masked = '川G·***01'");
    expect(session).toEqual({ member_id: null, low_confidence: 1 });
  });

  it('counts cars per zone and pushes spaces left to barrier displays', async () => {
    const before = await hub.api<{ zones: Array<{ zone: string; occupied: number; free: number; capacity: number }> }>('GET', '/api/parking/occupancy');
    const south = before.body.zones.find((z) => z.zone === 'P-south')!;
    const pushed = new Promise<{ zones: Array<{ zone: string; occupied: number }> }>((resolve) => display.socket.once('occupancy', resolve));
    await car('in', '川H80001');
    const update = await pushed;
    expect(update.zones.find((z) => z.zone === 'P-south')?.occupied).toBe(south.occupied + 1);
    expect(south.free).toBe(south.capacity - south.occupied);
  });

  it('raises a long stay once, when the clock passes three hours', async () => {
    await car('in', '川J90001');
    expect(await hub.started.services.parking.alertLongStays()).toBeGreaterThanOrEqual(0);
    hours(3);
    clock.advance(60_000);
    const raised = await hub.started.services.parking.alertLongStays();
    expect(raised).toBeGreaterThanOrEqual(1);
    expect(await hub.started.services.parking.alertLongStays()).toBe(0);
    const alerts = await hub.api<Array<{ plate: string; longStay: boolean }>>('GET', '/api/parking/alerts');
    expect(alerts.body).toContainEqual(expect.objectContaining({ plate: '川J·***01', longStay: true }));
  });

  it('finds a member\'s car from the kiosk', async () => {
    const member = await newMember(hub, { plates: ['川K11111'] });
    await car('in', '川K11111');
    const tokens = await readDemoTokens(hub.dataDir);
    const kiosk = await TestKiosk.connect(hub.baseUrl, 'kiosk-b1', tokens['kiosk-b1']!);
    try {
      await kiosk.call('session:open', { code: await passCode(hub, member.id) });
      const found = (await kiosk.call('car:find', {})) as { ok: true; data: { cars: Array<{ plate: string; gate: string; zone: string }> } };
      expect(found.data.cars).toEqual([expect.objectContaining({ plate: '川K·***11', zone: 'P-south', gate: 'South entrance (B2)' })]);
    } finally {
      kiosk.close();
    }
  });

  it('today\'s numbers add up for the console', async () => {
    await eventually(async () => {
      // The first day: the ¥30 payment and the Gold member's exit both happened on 25 November.
      const summary = await hub.api<{ revenueFen: number; payments: number; benefits: Record<string, { count: number; hours: number }> }>('GET', `/api/parking/summary?at=${encodeURIComponent('2026-11-25T20:00:00+08:00')}`);
      expect(summary.body.revenueFen).toBe(3000);
      expect(summary.body.payments).toBe(1);
      expect(summary.body.benefits.coupon).toEqual({ count: 1, hours: 2 });
    });
  });

  // Last: it moves the clock, and same-day spend above depends on the day.
  it('a payment sent on another gate\'s topic opens nothing', async () => {
    await car('in', '川A10003');
    hours(3);
    const command = await car('out', '川A10003');
    const north = topics.gateCommand('demo', 'gate-north');
    await gate.subscribe(north);
    const answer = gate.next<GateCommand>(north, (c) => c.eventId === command.eventId);
    await gate.publish(topics.parkingPaid('demo', 'gate-north'), { eventId: command.eventId, plate: '川A10003', amount: command.fee, paymentRef: 'pay-wrong-gate' });
    expect(await answer).toMatchObject({ open: false, lines: ['请联系工作人员', 'Please call staff'] });
    const rejected = await hub.api<Array<{ reason: string }>>('GET', '/api/rejected');
    expect(rejected.body[0]?.reason).toMatch(/waiting for payment at gate gate-north/);
  });

});
