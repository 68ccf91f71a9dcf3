import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, TestClock, type TestHub } from '../support/hub-harness.js';
import { TestDevice } from '../support/devices.js';
import { balanceOf, couponTemplate, ledgerConsistent, newMember, passCode, TestTill } from '../support/loyalty-fixtures.js';

/** Wednesday 2026-11-25, 10:00 in Shanghai. */
const clock = new TestClock(new Date('2026-11-25T10:00:00+08:00'));
const at = (local: string) => `${local}+08:00`;

describe('the loyalty engine', () => {
  let hub: TestHub;
  let device: TestDevice;
  let dining: TestTill;
  let fashion: TestTill;

  beforeAll(async () => {
    hub = await startTestHub({ clock });
    device = await TestDevice.connect(hub.mqttUrl);
    dining = await TestTill.open(device, 'dining-02');
    fashion = await TestTill.open(device, 'fashion-02');
  });
  afterAll(async () => {
    await device?.close();
    await hub?.stop();
  });

  const ruleOf = async (memberId: number) =>
    (await hub.started.db.all<{ rule: string; delta: number }>("SELECT rule, delta FROM points_ledger WHERE member_id = ? AND kind = 'earn' ORDER BY id", [memberId]));

  describe('points rules', () => {
    it('a weekday-afternoon purchase earns double, and the ledger names the rule', async () => {
      const member = await newMember(hub);
      const result = await dining.buy({ txId: 'pm-1', amount: 12_345, memberCode: member.code, occurredAt: at('2026-11-25T15:00:00') });
      expect(result.pointsEarned).toBe(246);
      expect(await ruleOf(member.id)).toEqual([{ rule: 'base:member×100% + time_window:weekday-afternoon×200%', delta: 246 }]);
    });

    it('the same purchase on a Saturday afternoon earns the base points', async () => {
      const member = await newMember(hub);
      const result = await dining.buy({ txId: 'sat-1', amount: 12_345, memberCode: member.code, occurredAt: at('2026-11-28T15:00:00') });
      expect(result.pointsEarned).toBe(123);
    });

    it('birthday month and afternoon bonuses do not stack: the highest applies once', async () => {
      const member = await newMember(hub, { birthday: '1990-11-03' });
      const result = await dining.buy({ txId: 'bday-1', amount: 10_000, memberCode: member.code, occurredAt: at('2026-11-25T15:00:00') });
      expect(result.pointsEarned).toBe(200);
    });

    it('a marketer can switch on the dining bonus, and it applies to dining purchases from then on', async () => {
      const res = await hub.api('PUT', '/api/points-rules/dining-bonus', { nameZh: '餐饮1.5倍积分', nameEn: 'Dining 1.5×', active: true, params: { kind: 'category', categories: ['dining'], multiplierPct: 150 } });
      expect(res.status).toBe(200);
      const member = await newMember(hub);
      expect((await dining.buy({ txId: 'din-1', amount: 10_000, memberCode: member.code, occurredAt: at('2026-11-25T11:00:00') })).pointsEarned).toBe(150);
      expect((await fashion.buy({ txId: 'fas-1', amount: 10_000, memberCode: await passCode(hub, member.id), occurredAt: at('2026-11-25T11:00:00') })).pointsEarned).toBe(100);
      await hub.api('PUT', '/api/points-rules/dining-bonus', { nameZh: '餐饮1.5倍积分', nameEn: 'Dining 1.5×', active: false, params: { kind: 'category', categories: ['dining'], multiplierPct: 150 } });
    });

    it('refuses a bonus rule below 1× with a reason', async () => {
      const res = await hub.api<{ error: { message: string } }>('PUT', '/api/points-rules/bad', { nameZh: 'x', nameEn: 'x', active: true, params: { kind: 'birthday_month', multiplierPct: 50 } });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/params.multiplierPct: a bonus multiplier is at least 100/);
    });
  });

  describe('tiers', () => {
    it('the purchase that crosses a threshold upgrades the member at once; it earns at the old tier, the next at the new one', async () => {
      const member = await newMember(hub);
      const crossing = await fashion.buy({ txId: 'up-1', amount: 600_000, memberCode: member.code, occurredAt: at('2026-11-25T10:00:00') });
      expect(crossing).toMatchObject({ tier: 'silver', pointsEarned: 6000 });
      const next = await fashion.buy({ txId: 'up-2', amount: 10_000, memberCode: await passCode(hub, member.id), occurredAt: at('2026-11-25T10:05:00') });
      expect(next).toMatchObject({ tier: 'silver', pointsEarned: 120 });
      const wallet = await hub.api<{ progress: { current: string; next: { code: string; remainingFen: number; percent: number } } }>('GET', `/api/members/${member.id}/wallet`);
      expect(wallet.body.progress).toMatchObject({ current: 'silver', next: { code: 'gold', remainingFen: 2_000_000 - 610_000, percent: 30 } });
      const change = await hub.started.db.get('SELECT from_code, to_code, reason FROM tier_changes WHERE member_id = ?', [member.id]);
      expect(change).toEqual({ from_code: 'member', to_code: 'silver', reason: 'purchase' });
    });

    it('a marketer can change a tier, but thresholds must keep rising with rank', async () => {
      const tiers = await hub.api<Array<Record<string, unknown>>>('GET', '/api/tiers');
      const gold = tiers.body.find((t) => t.code === 'gold')!;
      const bad = await hub.api<{ error: { message: string } }>('PUT', '/api/tiers/gold', { ...gold, thresholdFen: 100 });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe("thresholdFen: must be above silver's 500000 and below platinum's 5000000 (fen), so tiers keep rising with rank");
      const good = await hub.api<Array<{ code: string; freeParkingHours: number }>>('PUT', '/api/tiers/gold', { ...gold, freeParkingHours: 4 });
      expect(good.body.find((t) => t.code === 'gold')?.freeParkingHours).toBe(4);
    });
  });

  describe('rewards', () => {
    it('a voucher costs its points and issues a coupon into the wallet, all at once; a retried request does nothing twice', async () => {
      const member = await newMember(hub);
      await fashion.buy({ txId: 'rw-1', amount: 200_000, memberCode: member.code, occurredAt: at('2026-11-25T10:00:00') });
      const template = await hub.api<{ id: number }>('POST', '/api/coupon-templates', couponTemplate({ titleEn: '¥50 voucher', valueFen: 5000, minSpendFen: 0 }));
      const reward = await hub.api<{ id: number }>('POST', '/api/rewards', { titleZh: '50元代金券', titleEn: '¥50 voucher', kind: 'voucher', pointsPrice: 1500, stock: 5, couponTemplateId: template.body.id });
      const redeem = () => hub.api<{ couponCode: string; balance: number }>('POST', `/api/members/${member.id}/rewards/${reward.body.id}/redeem`, { requestId: 'kiosk-req-1' });
      const first = await redeem();
      expect(first.status).toBe(201);
      expect(first.body.balance).toBe(500);
      expect(first.body.couponCode).toMatch(/^[0-9A-Z]{16}$/);
      const retry = await redeem();
      expect(retry.body).toEqual(first.body);
      expect(await balanceOf(hub, member.id)).toBe(500);
      const wallet = await hub.api<{ coupons: Array<{ code: string }> }>('GET', `/api/members/${member.id}/wallet`);
      expect(wallet.body.coupons.map((c) => c.code)).toEqual([first.body.couponCode]);
    });

    it('without enough points nothing changes: no points taken, no stock used', async () => {
      const member = await newMember(hub);
      const reward = await hub.api<{ id: number }>('POST', '/api/rewards', { titleZh: '电影票', titleEn: 'Cinema ticket', kind: 'gift', pointsPrice: 3000, stock: 1 });
      const res = await hub.api<{ error: { code: string; message: string } }>('POST', `/api/members/${member.id}/rewards/${reward.body.id}/redeem`, {});
      expect(res.status).toBe(409);
      expect(res.body.error).toMatchObject({ code: 'insufficient_points', message: 'needs 3000 points; the balance is 0' });
      const list = await hub.api<Array<{ id: number; stockLeft: number }>>('GET', '/api/rewards');
      expect(list.body.find((r) => r.id === reward.body.id)?.stockLeft).toBe(1);
    });

    it('parking hours are bought for one of the member\'s own plates, shown masked', async () => {
      const member = await newMember(hub, { plates: ['沪A12345'] });
      await fashion.buy({ txId: 'pk-1', amount: 100_000, memberCode: member.code, occurredAt: at('2026-11-25T10:00:00') });
      const reward = await hub.api<{ id: number }>('POST', '/api/rewards', { titleZh: '停车2小时', titleEn: '2 h parking', kind: 'parking_hours', pointsPrice: 400, stock: 100, parkingHours: 2 });
      const wrong = await hub.api<{ error: { message: string } }>('POST', `/api/members/${member.id}/rewards/${reward.body.id}/redeem`, { plate: '京B99999' });
      expect(wrong.body.error.message).toMatch(/not one of this member's plates/);
      const ok = await hub.api<{ parkingHours: number; plate: string }>('POST', `/api/members/${member.id}/rewards/${reward.body.id}/redeem`, { plate: '沪A·12345' });
      expect(ok.body).toMatchObject({ parkingHours: 2, plate: '沪A·***45' });
    });
  });

  describe('referral', () => {
    it('when an invitee makes a first purchase both members get the referral points, once', async () => {
      const referrer = await newMember(hub);
      const invitee = await newMember(hub, { referralCode: referrer.referralCode });
      await dining.buy({ txId: 'ref-1', amount: 5_000, memberCode: invitee.code, occurredAt: at('2026-11-25T10:00:00') });
      await dining.buy({ txId: 'ref-2', amount: 5_000, memberCode: await passCode(hub, invitee.id), occurredAt: at('2026-11-25T10:10:00') });
      expect(await balanceOf(hub, referrer.id)).toBe(200);
      expect(await balanceOf(hub, invitee.id)).toBe(50 + 200 + 50);
    });

    it('an unknown invite code is refused when joining', async () => {
      const res = await hub.api<{ error: { message: string } }>('POST', '/api/members', { phone: '19911112222', referralCode: 'NOPE1234' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/referralCode: no member has this invite code/);
    });
  });

  describe('segments, lifecycle and the periodic jobs', () => {
    it('a buyer is active and likes what they bought; a member who never buys becomes activation-due after 7 days and dormant after 90', async () => {
      const buyer = await newMember(hub);
      const idle = await newMember(hub);
      await dining.buy({ txId: 'seg-1', amount: 30_000, memberCode: buyer.code, occurredAt: at('2026-11-25T10:00:00') });
      await hub.started.services.segments.refreshMember(buyer.id);
      const buyerTags = await hub.api<{ stage: string; tags: string[] }>('GET', `/api/members/${buyer.id}/segments`);
      expect(buyerTags.body.stage).toBe('active');
      expect(buyerTags.body.tags).toEqual(expect.arrayContaining(['lifecycle:active', 'likes:dining', 'tier:member']));

      clock.advance(8 * 86_400_000);
      await hub.started.services.segments.refreshMember(idle.id);
      expect((await hub.api<{ tags: string[] }>('GET', `/api/members/${idle.id}/segments`)).body.tags).toEqual(expect.arrayContaining(['lifecycle:new', 'activation-due']));
      clock.advance(90 * 86_400_000);
      const nightly = await hub.api<{ segments: number }>('POST', '/api/jobs/nightly/run');
      expect(nightly.status).toBe(200);
      expect((await hub.api<{ stage: string }>('GET', `/api/members/${idle.id}/segments`)).body.stage).toBe('dormant');
      // The 500 demo members never bought anything either: the idle one is on the second page, ordered by id.
      const page = await hub.api<{ count: number; members: Array<{ id: number; phone: string }> }>('GET', '/api/segments/lifecycle:dormant/members?page=2&pageSize=500');
      expect(page.body.count).toBeGreaterThan(500);
      expect(page.body.members.map((m) => m.id)).toContain(idle.id);
      expect(page.body.members[0]!.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    });

    it('points older than 24 months expire, oldest first, as a ledger entry; newer points stay', async () => {
      const member = await newMember(hub);
      await fashion.buy({ txId: 'exp-old', amount: 100_000, memberCode: member.code, occurredAt: clock.now().toISOString() });
      clock.advance(13 * 30 * 86_400_000);
      await fashion.buy({ txId: 'exp-new', amount: 50_000, memberCode: await passCode(hub, member.id), occurredAt: clock.now().toISOString() });
      clock.advance(12 * 30 * 86_400_000);
      const expired = await hub.started.services.jobs.expirePoints();
      expect(expired).toBeGreaterThanOrEqual(1000);
      const entries = await hub.started.db.all<{ kind: string; delta: number }>('SELECT kind, delta FROM points_ledger WHERE member_id = ? ORDER BY id', [member.id]);
      expect(entries.at(-1)).toEqual({ kind: 'expire', delta: -1000 });
      expect(await ledgerConsistent(hub, member.id)).toMatchObject({ balance: entries.reduce((s, e) => s + e.delta, 0), chained: true });
      expect(await hub.started.services.jobs.expirePoints()).toBe(0);
    });

    it('the tier review moves a member who stopped spending down one step, not to the bottom', async () => {
      const member = await newMember(hub);
      await fashion.buy({ txId: 'rev-1', amount: 5_000_000, memberCode: member.code, occurredAt: clock.now().toISOString() });
      expect((await hub.api<{ tier: string }>('GET', `/api/members/${member.id}`)).body.tier).toBe('platinum');
      clock.advance(400 * 86_400_000);
      await hub.started.services.jobs.reviewTiers();
      expect((await hub.api<{ tier: string }>('GET', `/api/members/${member.id}`)).body.tier).toBe('gold');
      // Asked again the same month, the review does nothing: nobody steps down twice.
      expect(await hub.started.services.jobs.reviewTiers()).toEqual({ upgraded: 0, downgraded: 0, skipped: true });
      expect((await hub.api<{ tier: string }>('GET', `/api/members/${member.id}`)).body.tier).toBe('gold');
    });

    it('a birthday-month member gets the tier\'s birthday points once a year', async () => {
      const month = String(new Date(clock.now().getTime() + 8 * 3600_000).getUTCMonth() + 1).padStart(2, '0');
      const member = await newMember(hub, { birthday: `1988-${month}-15` });
      await hub.started.services.jobs.grantBirthdayGifts();
      await hub.started.services.jobs.grantBirthdayGifts();
      expect(await balanceOf(hub, member.id)).toBe(100);
    });
  });
});
