import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberHome } from '@atrium/shared';
import { readDemoTokens } from '../../hub/src/demo/seed.js';
import { startTestHub, TestClock, type TestHub } from '../support/hub-harness.js';
import { TestKiosk } from '../support/devices.js';
import { couponTemplate, newMember, passCode } from '../support/loyalty-fixtures.js';

type Ok<T> = { ok: true; data: T };
type Failed = { ok: false; error: { code: string; message: string } };

describe('the /kiosk namespace', () => {
  const clock = new TestClock(new Date('2026-11-25T11:00:00+08:00'));
  let hub: TestHub;
  let kiosk: TestKiosk;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    hub = await startTestHub({ clock });
    tokens = await readDemoTokens(hub.dataDir);
    kiosk = await TestKiosk.connect(hub.baseUrl, 'kiosk-atrium', tokens['kiosk-atrium']!);
  });
  afterAll(async () => {
    kiosk?.close();
    await hub?.stop();
  });

  const rid = () => `req-${Math.random().toString(36).slice(2, 12)}`;

  it('refuses a kiosk with a wrong token', async () => {
    await expect(TestKiosk.connect(hub.baseUrl, 'kiosk-atrium', 'wrong-token')).rejects.toThrow(/auth/);
  });

  it('opens a member session from a scanned code and shows only masked personal data', async () => {
    const member = await newMember(hub, { name: '周杰', plates: ['苏E54321'] });
    const answer = (await kiosk.call('session:open', { code: member.code })) as Ok<MemberHome>;
    expect(answer.ok).toBe(true);
    expect(answer.data.member).toMatchObject({ id: member.id, name: '周*', plates: [{ id: expect.any(String), plate: '苏E·***21' }] });
    expect(answer.data.member.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(JSON.stringify(answer.data)).not.toContain('54321');
    expect(answer.data.tier.code).toBe('member');
    expect(answer.data.checkin).toEqual({ doneToday: false, streak: 0 });
  });

  it.each([
    { what: 'a forged code', code: (c: string) => c.slice(0, -3) + 'xyz', error: 'invalid_code' },
    { what: 'text that is no member code', code: () => 'hello', error: 'invalid_code' },
  ])('answers $what with $error and opens nothing', async ({ code, error }) => {
    const member = await newMember(hub);
    const answer = (await kiosk.call('session:open', { code: code(member.code) })) as Failed;
    expect(answer).toMatchObject({ ok: false, error: { code: error } });
    const home = (await kiosk.call('member:home', {})) as Failed;
    expect(home.error.code).toBe('no_session');
  });

  it('answers an expired code with expired_code', async () => {
    const member = await newMember(hub);
    clock.advance(6 * 60_000);
    const answer = (await kiosk.call('session:open', { code: member.code })) as Failed;
    expect(answer.error.code).toBe('expired_code');
  });

  it('checks in once a day; a retried call with the same requestId is answered, not done again', async () => {
    const member = await newMember(hub);
    await kiosk.call('session:open', { code: member.code });
    const requestId = rid();
    const first = (await kiosk.call('checkin:create', { requestId })) as Ok<{ isNew: boolean; balance: number }>;
    const retried = (await kiosk.call('checkin:create', { requestId })) as Ok<{ isNew: boolean; balance: number }>;
    expect(retried).toEqual(first);
    expect(first.data).toMatchObject({ isNew: true, balance: 10 });
    const again = (await kiosk.call('checkin:create', { requestId: rid() })) as Ok<{ isNew: boolean }>;
    expect(again.data.isNew).toBe(false);
  });

  it('claims a coupon from the wall and then shows it among the member\'s coupons', async () => {
    const template = await hub.api<{ id: number }>('POST', '/api/coupon-templates', couponTemplate({ titleEn: 'Kiosk ¥30', totalStock: 5 }));
    const member = await newMember(hub);
    const home = (await kiosk.call('session:open', { code: member.code })) as Ok<MemberHome>;
    expect(home.data.couponWall.find((o) => o.templateId === template.body.id)).toMatchObject({ stockLeft: 5, canClaim: true });
    const claimed = (await kiosk.call('coupon:claim', { requestId: rid(), templateId: template.body.id })) as Ok<{ code: string }>;
    expect(claimed.ok).toBe(true);
    const after = (await kiosk.call('member:home', {})) as Ok<MemberHome>;
    expect(after.data.coupons.map((c) => c.code)).toContain(claimed.data.code);
    expect(after.data.couponWall.find((o) => o.templateId === template.body.id)).toMatchObject({ stockLeft: 4, canClaim: false });
  });

  it('redeems a reward with points once even when the call is retried', async () => {
    const member = await newMember(hub);
    await hub.started.db.run('INSERT INTO points_ledger (member_id, delta, balance_after, kind, rule, source_type, source_id, created_at) VALUES (?, 1000, 1000, ?, ?, ?, ?, ?)', [member.id, 'adjust', 'test', 'test', String(member.id), clock.now().toISOString()]);
    await hub.started.db.run('UPDATE members SET points_balance = 1000 WHERE id = ?', [member.id]);
    const reward = await hub.api<{ id: number }>('POST', '/api/rewards', { titleZh: '雨伞', titleEn: 'Umbrella', kind: 'gift', pointsPrice: 600, stock: 3 });
    await kiosk.call('session:open', { code: await passCode(hub, member.id) });
    const requestId = rid();
    const first = (await kiosk.call('reward:redeem', { requestId, rewardId: reward.body.id })) as Ok<{ balance: number }>;
    const retried = (await kiosk.call('reward:redeem', { requestId, rewardId: reward.body.id })) as Ok<{ balance: number }>;
    expect(first.data.balance).toBe(400);
    expect(retried).toEqual(first);
    const broke = (await kiosk.call('reward:redeem', { requestId: rid(), rewardId: reward.body.id })) as Failed;
    expect(broke.error.code).toBe('insufficient_points');
  });

  it('closing the session leaves nothing to call on', async () => {
    const member = await newMember(hub);
    await kiosk.call('session:open', { code: member.code });
    expect(((await kiosk.call('session:close', {})) as Ok<unknown>).ok).toBe(true);
    expect(((await kiosk.call('checkin:create', { requestId: rid() })) as Failed).error.code).toBe('no_session');
  });

  it('lets a stranger join with a one-time code from the log, and rate-limits codes per phone', async () => {
    const phone = '19955501234';
    const sent = (await kiosk.call('join:request-code', { phone })) as Ok<{ sent: true }>;
    expect(sent.ok).toBe(true);
    const tooSoon = (await kiosk.call('join:request-code', { phone })) as Failed;
    expect(tooSoon.error.code).toBe('rate_limited');
    const wrong = (await kiosk.call('join:complete', { requestId: rid(), phone, otp: '000000', consent: true })) as Failed;
    expect(wrong.error.code).toBe('wrong_otp');
    const joined = (await kiosk.call('join:complete', { requestId: rid(), phone, otp: hub.otpFor(phone), consent: true, plate: '浙A·7K321' })) as Ok<MemberHome>;
    expect(joined.ok).toBe(true);
    expect(joined.data.member).toMatchObject({ phone: '199****1234', plates: [{ id: expect.any(String), plate: '浙A·***21' }] });
    const row = await hub.started.db.get<{ privacy_consent_at: string | null }>('SELECT privacy_consent_at FROM members WHERE id = ?', [joined.data.member.id]);
    expect(row?.privacy_consent_at).toBe(clock.now().toISOString());
    // The code was used up: it cannot open a second account or session.
    const replay = (await kiosk.call('join:complete', { requestId: rid(), phone, otp: hub.otpFor(phone), consent: true })) as Failed;
    expect(replay.error.code).toBe('wrong_otp');
  });

  it('refuses to join without consent to the privacy notice', async () => {
    const answer = (await kiosk.call('join:complete', { requestId: rid(), phone: '19955509999', otp: '123456', consent: false as unknown as true })) as Failed;
    expect(answer.error).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/privacy notice/) });
  });

  it('a low feedback score opens a service ticket; a good one does not', async () => {
    const low = (await kiosk.call('feedback:submit', { requestId: rid(), score: 3, comment: 'Queue at the car park' })) as Ok<{ ticketId: number | null }>;
    const high = (await kiosk.call('feedback:submit', { requestId: rid(), score: 9 })) as Ok<{ ticketId: number | null }>;
    expect(low.data.ticketId).toEqual(expect.any(Number));
    expect(high.data.ticketId).toBeNull();
    const tickets = await hub.api<Array<{ id: number; summary: string; kioskId: string }>>('GET', '/api/tickets');
    expect(tickets.body.find((t) => t.id === low.data.ticketId)).toMatchObject({ summary: 'Visit scored 3/10: Queue at the car park', kioskId: 'kiosk-atrium' });
  });

  it('rejects malformed calls with invalid_input and keeps serving', async () => {
    const answer = (await kiosk.call('coupon:claim', { requestId: 'short', templateId: -1 } as never)) as Failed;
    expect(answer.error.code).toBe('invalid_input');
    expect(((await kiosk.call('session:close', {})) as Ok<unknown>).ok).toBe(true);
  });
});

describe('a kiosk session across a dropped connection', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('survives the socket being replaced, and a parking reward names the plate by its opaque id', async () => {
    const tokens = await readDemoTokens(hub.dataDir);
    const member = await newMember(hub, { plates: ['粤B12345'] });
    await hub.started.db.run('UPDATE members SET points_balance = 1000 WHERE id = ?', [member.id]);
    await hub.started.db.run("INSERT INTO points_ledger (member_id, delta, balance_after, kind, rule, source_type, source_id, created_at) VALUES (?, 1000, 1000, 'adjust', 'test', 'test', 'blip', '2026-11-25T00:00:00Z')", [member.id]);
    const reward = await hub.api<{ id: number }>('POST', '/api/rewards', { titleZh: '停车1小时', titleEn: '1 h parking', kind: 'parking_hours', pointsPrice: 200, stock: 10, parkingHours: 1 });
    const first = await TestKiosk.connect(hub.baseUrl, 'kiosk-atrium', tokens['kiosk-atrium']!);
    const home = (await first.call('session:open', { code: member.code })) as Ok<MemberHome>;
    first.close(); // Wi-Fi blip: the kiosk comes back on a new socket
    const second = await TestKiosk.connect(hub.baseUrl, 'kiosk-atrium', tokens['kiosk-atrium']!);
    try {
      const plateId = home.data.member.plates[0]!.id;
      expect(plateId).not.toContain('12345');
      const redeemed = (await second.call('reward:redeem', { requestId: 'blip-redeem-1', rewardId: reward.body.id, plateId })) as Ok<{ parkingHours: number; plate: string; balance: number }>;
      expect(redeemed.data).toMatchObject({ parkingHours: 1, plate: '粤B·***45', balance: 800 });
    } finally {
      second.close();
    }
  });
});
