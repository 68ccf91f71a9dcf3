import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics, type GateCommand } from '@atrium/shared';
import { readDemoTokens } from '../../hub/src/demo/seed.js';
import { startTestHub, type TestHub } from '../support/hub-harness.js';
import { TestDevice, TestScreen } from '../support/devices.js';

const at = '2026-11-25T09:58:00+08:00';

describe('cars at the gate', () => {
  let hub: TestHub;
  let gate: TestDevice;
  let north: TestScreen;
  let south: TestScreen;
  let member: { id: number };
  const plate = '浙C12345';

  beforeAll(async () => {
    hub = await startTestHub();
    const tokens = await readDemoTokens(hub.dataDir);
    north = await TestScreen.connect(hub.baseUrl, 'barrier-north', tokens['barrier-north']!);
    south = await TestScreen.connect(hub.baseUrl, 'barrier-south', tokens['barrier-south']!);
    gate = await TestDevice.connect(hub.mqttUrl);
    await gate.subscribe(topics.gateCommand('demo', 'gate-north'));
    const created = await hub.api<{ id: number }>('POST', '/api/members', { phone: '13600000001', name: '王小明', plates: ['浙C·12345'] });
    expect(created.status).toBe(201);
    member = created.body;
    // Give the member some history so the greeting has points to show.
    await hub.started.db.transaction(async (sql) => {
      await sql.run("UPDATE members SET tier_code = 'gold' WHERE id = ?", [member.id]);
    });
    const { ledgerRepository } = await import('../../hub/src/repositories/ledger.repository.js');
    await hub.started.db.transaction((sql) =>
      ledgerRepository.append(sql, { memberId: member.id, delta: 12_480, kind: 'adjust', rule: 'test', sourceType: 'test', sourceId: '1', createdAt: at }),
    );
  });

  afterAll(async () => {
    north?.close();
    south?.close();
    await gate?.close();
    await hub?.stop();
  });

  const event = (eventId: string, direction: 'in' | 'out', p = plate) => ({ eventId, gateId: 'gate-north', direction, plate: p, confidence: 0.97, occurredAt: at });

  it('a member car entering is greeted on its own gate\'s display with tier, masked plate, free hours and points, and the barrier opens', async () => {
    const offer = north.nextOffer();
    const command = gate.next<GateCommand>(topics.gateCommand('demo', 'gate-north'), (c) => c.eventId === 'in-1');
    await gate.publish(topics.gateEvent('demo', 'gate-north'), event('in-1', 'in'));

    const shown = await offer;
    expect(shown.kind).toBe('greeting');
    expect(shown.title.en).toBe('Welcome back, Gold member');
    expect(shown.greeting).toMatchObject({ tierCode: 'gold', maskedPlate: '浙C·***45', points: 12_480, freeParkingHours: 3 });
    expect(shown.lines.map((l) => l.en)).toEqual(['浙C·***45', '3 h free parking this visit', '12,480 points']);
    const everything = JSON.stringify(shown);
    expect(everything).not.toContain('12345');
    expect(everything).not.toContain('13600000001');
    expect(everything).not.toContain('王小明');

    expect(await command).toMatchObject({ eventId: 'in-1', open: true, fee: 0 });
    const session = await hub.started.db.get<{ member_id: number; status: string }>('SELECT member_id, status FROM parking_sessions ORDER BY id DESC LIMIT 1');
    expect(session).toEqual({ member_id: member.id, status: 'open' });
  });

  it('the display at another gate sees nothing of it', async () => {
    expect(south.offers).toEqual([]);
  });

  it('a repeated gate event gets the same command again but no second greeting', async () => {
    const before = north.offers.length;
    const again = gate.next<GateCommand>(topics.gateCommand('demo', 'gate-north'), (c) => c.eventId === 'in-1');
    await gate.publish(topics.gateEvent('demo', 'gate-north'), event('in-1', 'in'));
    expect(await again).toMatchObject({ eventId: 'in-1', open: true });
    const sessions = await hub.started.db.all('SELECT id FROM parking_sessions');
    expect(sessions).toHaveLength(1);
    expect(north.offers.length).toBe(before);
  });

  it('a stranger\'s car gets a welcome with a QR code to join', async () => {
    const offer = north.nextOffer();
    await gate.publish(topics.gateEvent('demo', 'gate-north'), event('in-2', 'in', '豫A99999'));
    const shown = await offer;
    expect(shown.kind).toBe('welcome');
    expect(shown.qr?.url).toMatch(/\/m\/join$/);
    expect(shown.qr?.dataUrl).toMatch(/^data:image\/png;base64,/);
    expect(shown.lines[0]!.zh).toBe('豫A·***99');
    expect(shown.greeting).toBeUndefined();
  });

  it('leaving closes the member\'s parking session', async () => {
    const command = gate.next<GateCommand>(topics.gateCommand('demo', 'gate-north'), (c) => c.eventId === 'out-1');
    await gate.publish(topics.gateEvent('demo', 'gate-north'), event('out-1', 'out', '浙c 12345'));
    expect(await command).toMatchObject({ open: true, fee: 0 });
    const session = await hub.started.db.get<{ status: string; exit_gate_id: string }>('SELECT status, exit_gate_id FROM parking_sessions WHERE member_id = ?', [member.id]);
    expect(session).toEqual({ status: 'closed', exit_gate_id: 'gate-north' });
  });

  it('plates are never stored in clear', async () => {
    const rows = await hub.started.db.all<Record<string, unknown>>('SELECT * FROM parking_sessions');
    const text = JSON.stringify(rows) + JSON.stringify(await hub.started.db.all('SELECT * FROM member_plates')) + JSON.stringify(await hub.started.db.all('SELECT * FROM parking_events'));
    expect(text).not.toContain('12345');
    expect(text).not.toContain('99999');
  });

  it('a screen with a wrong token is refused', async () => {
    await expect(TestScreen.connect(hub.baseUrl, 'barrier-north', 'not-the-token')).rejects.toThrow(/auth/);
  });
});
