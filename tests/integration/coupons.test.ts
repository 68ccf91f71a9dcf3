import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESERVATION_MINUTES } from '../../hub/src/services/coupon.service.js';
import { startTestHub, TestClock, type TestHub } from '../support/hub-harness.js';
import { TestDevice } from '../support/devices.js';
import { startMosquitto, type RunningMosquitto } from '../support/mosquitto.js';
import { couponTemplate, newMember, TestTill } from '../support/loyalty-fixtures.js';

interface CouponView {
  code: string;
  status: string;
  validUntil: string;
}

describe('coupons from claim to till, through a real Mosquitto', () => {
  const clock = new TestClock(new Date('2026-11-25T11:00:00+08:00'));
  let mosquitto: RunningMosquitto;
  let hub: TestHub;
  const devices: TestDevice[] = [];
  let fashionTill: TestTill;

  beforeAll(async () => {
    mosquitto = await startMosquitto();
    hub = await startTestHub({ mqttUrl: mosquitto.url, clock });
    const device = await TestDevice.connect(mosquitto.url);
    devices.push(device);
    fashionTill = await TestTill.open(device, 'fashion-01');
  });
  afterAll(async () => {
    await Promise.all(devices.map((d) => d.close()));
    await hub?.stop();
    await mosquitto?.stop();
  });

  async function createTemplate(overrides: Record<string, unknown> = {}): Promise<number> {
    const res = await hub.api<{ id: number; stockLeft: number }>('POST', '/api/coupon-templates', couponTemplate(overrides));
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function claim(memberId: number, templateId: number) {
    return hub.api<CouponView & { error?: { code: string; message: string } }>('POST', `/api/members/${memberId}/coupons`, { templateId });
  }

  it('a claimed coupon has an unguessable code, is reserved by a till with its discount, and captured by the purchase once', async () => {
    const templateId = await createTemplate();
    const member = await newMember(hub);
    const claimed = await claim(member.id, templateId);
    expect(claimed.status).toBe(201);
    expect(claimed.body.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(claimed.body.status).toBe('available');

    const held = await fashionTill.reserve({ requestId: 'r-1', code: claimed.body.code, txId: 'sale-1', amount: 45_000 });
    expect(held).toMatchObject({ status: 'reserved', discount: 3000 });
    const wallet = await hub.api<{ coupons: CouponView[] }>('GET', `/api/members/${member.id}/wallet`);
    expect(wallet.body.coupons[0]?.status).toBe('reserved');

    const sale = await fashionTill.buy({ txId: 'sale-1', amount: 42_000, memberCode: member.code, couponCodes: [claimed.body.code] });
    expect(sale.status).toBe('accepted');
    expect(sale.coupons).toEqual([{ code: claimed.body.code, status: 'redeemed', discount: 3000 }]);

    const again = await fashionTill.reserve({ requestId: 'r-2', code: claimed.body.code, txId: 'sale-2', amount: 45_000 });
    expect(again).toMatchObject({ status: 'used' });
    const reuse = await fashionTill.buy({ txId: 'sale-3', amount: 30_000, couponCodes: [claimed.body.code] });
    expect(reuse.coupons).toEqual([{ code: claimed.body.code, status: 'used' }]);
    const redeemed = await hub.started.db.all('SELECT code FROM coupons WHERE status = ?', ['redeemed']);
    expect(redeemed).toHaveLength(1);
  });

  it('the same reserve request sent twice gets the same answer', async () => {
    const templateId = await createTemplate();
    const member = await newMember(hub);
    const { body: coupon } = await claim(member.id, templateId);
    const first = await fashionTill.reserve({ requestId: 'same-1', code: coupon.code, txId: 'sale-same', amount: 50_000 });
    const second = await fashionTill.reserve({ requestId: 'same-1', code: coupon.code, txId: 'sale-same', amount: 50_000 });
    expect(second).toEqual(first);
  });

  it.each([
    { name: 'an unknown code', code: 'ZZZZZZZZZZZZZZZZ', amount: 50_000, status: 'invalid', reason: /no such coupon/ },
    { name: 'a sale below the minimum spend', code: null, amount: 10_000, status: 'not_applicable', reason: /minimum spend ¥200.00/ },
  ])('$name is refused with status $status and a reason', async ({ code, amount, status, reason }) => {
    const templateId = await createTemplate();
    const member = await newMember(hub);
    const real = (await claim(member.id, templateId)).body.code;
    const answer = await fashionTill.reserve({ requestId: `refuse-${status}`, code: code ?? real, txId: `t-${status}`, amount });
    expect(answer.status).toBe(status);
    expect(answer.reason).toMatch(reason);
  });

  it('a till of a store the mall does not know cannot hold a coupon', async () => {
    const templateId = await createTemplate({ minSpendFen: 0 });
    const member = await newMember(hub);
    const { body: coupon } = await claim(member.id, templateId);
    const device = await TestDevice.connect(mosquitto.url);
    devices.push(device);
    const ghost = await TestTill.open(device, 'ghost-store');
    const answer = await ghost.reserve({ requestId: 'ghost-1', code: coupon.code, txId: 'g-1', amount: 50_000 });
    expect(answer).toMatchObject({ status: 'invalid', reason: 'unknown store ghost-store; register it in the console' });
  });

  it('a coupon for dining only is not applicable at a fashion till', async () => {
    const templateId = await createTemplate({ categories: ['dining'], minSpendFen: 0 });
    const member = await newMember(hub);
    const { body: coupon } = await claim(member.id, templateId);
    const answer = await fashionTill.reserve({ requestId: 'dining-only', code: coupon.code, txId: 't-dining', amount: 50_000 });
    expect(answer).toMatchObject({ status: 'not_applicable', reason: 'only for dining' });
  });

  it('a hold that no purchase captures returns to the member after the reservation time', async () => {
    const templateId = await createTemplate();
    const member = await newMember(hub);
    const { body: coupon } = await claim(member.id, templateId);
    expect((await fashionTill.reserve({ requestId: 'lapse-1', code: coupon.code, txId: 'abandoned', amount: 50_000 })).status).toBe('reserved');
    expect((await fashionTill.reserve({ requestId: 'lapse-2', code: coupon.code, txId: 'other', amount: 50_000 })).status).toBe('used');

    clock.advance(RESERVATION_MINUTES * 60_000 + 1000);
    await hub.started.services.coupons.releaseLapsed();
    const wallet = await hub.api<{ coupons: CouponView[] }>('GET', `/api/members/${member.id}/wallet`);
    expect(wallet.body.coupons.find((c) => c.code === coupon.code)?.status).toBe('available');
    expect((await fashionTill.reserve({ requestId: 'lapse-3', code: coupon.code, txId: 'next-sale', amount: 50_000 })).status).toBe('reserved');
  });

  it('an expired coupon is refused as expired', async () => {
    const templateId = await createTemplate({ validDays: 1 });
    const member = await newMember(hub);
    const { body: coupon } = await claim(member.id, templateId);
    clock.advance(2 * 86_400_000);
    const answer = await fashionTill.reserve({ requestId: 'exp-1', code: coupon.code, txId: 't-exp', amount: 50_000 });
    expect(answer.status).toBe('expired');
  });

  it('when five tills reserve the same code at the same moment exactly one wins, and only one sale can redeem it', async () => {
    const templateId = await createTemplate();
    const member = await newMember(hub);
    const { body: coupon } = await claim(member.id, templateId);
    const tills = await Promise.all(
      ['fashion-02', 'fashion-03', 'fashion-04', 'fashion-05', 'fashion-06'].map(async (store) => {
        const device = await TestDevice.connect(mosquitto.url);
        devices.push(device);
        return TestTill.open(device, store);
      }),
    );
    const answers = await Promise.all(tills.map((till, i) => till.reserve({ requestId: `race-${i}`, code: coupon.code, txId: `race-sale-${i}`, amount: 60_000 })));
    expect(answers.filter((a) => a.status === 'reserved')).toHaveLength(1);
    expect(answers.filter((a) => a.status === 'used')).toHaveLength(4);

    // Every till now tries to capture it in a sale at once: one redemption, ever.
    const sales = await Promise.all(tills.map((till, i) => till.buy({ txId: `race-sale-${i}`, amount: 60_000, couponCodes: [coupon.code] })));
    expect(sales.flatMap((s) => s.coupons ?? []).filter((c) => c.status === 'redeemed')).toHaveLength(1);
    const row = await hub.started.db.get<{ status: string }>('SELECT status FROM coupons WHERE code = ?', [coupon.code]);
    expect(row?.status).toBe('redeemed');
  });

  it('concurrent claims against low stock never give out more than the stock', async () => {
    const templateId = await createTemplate({ totalStock: 3 });
    const members = await Promise.all(Array.from({ length: 10 }, () => newMember(hub)));
    const results = await Promise.all(members.map((m) => claim(m.id, templateId)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    const refused = results.filter((r) => r.status !== 201);
    expect(refused.every((r) => r.status === 409 && r.body.error?.code === 'out_of_stock')).toBe(true);
    const template = await hub.api<Array<{ id: number; stockLeft: number; claimed: number }>>('GET', '/api/coupon-templates');
    expect(template.body.find((t) => t.id === templateId)).toMatchObject({ stockLeft: 0, claimed: 3 });
  });

  it('a member cannot claim beyond the per-member limit, nor a coupon targeted at another tier, nor a paused one', async () => {
    const member = await newMember(hub);
    const limited = await createTemplate({ perMemberLimit: 1 });
    expect((await claim(member.id, limited)).status).toBe(201);
    const second = await claim(member.id, limited);
    expect(second.body.error?.code).toBe('limit_reached');

    const goldOnly = await createTemplate({ targetTiers: ['gold', 'platinum'] });
    const refused = await claim(member.id, goldOnly);
    expect(refused.status).toBe(403);
    expect(refused.body.error?.code).toBe('not_eligible');

    const paused = await createTemplate();
    await hub.api('POST', `/api/coupon-templates/${paused}/pause`);
    expect((await claim(member.id, paused)).body.error?.code).toBe('paused');
  });

  it('rejects a template without the value its kind needs, saying which field', async () => {
    const res = await hub.api<{ error: { message: string } }>('POST', '/api/coupon-templates', couponTemplate({ kind: 'percent_off', valueFen: undefined }));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/percent: is required for a percent_off coupon/);
  });
});
