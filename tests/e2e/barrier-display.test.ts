import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { topics } from '@atrium/shared';
import { readDemoTokens } from '../../hub/src/demo/seed.js';
import { ledgerRepository } from '../../hub/src/repositories/ledger.repository.js';
import { launchChromium, screenshotPath } from '../support/browser.js';
import { TestDevice } from '../support/devices.js';
import { startTestHub, type TestHub } from '../support/hub-harness.js';

describe.each([
  { layout: 'landscape', viewport: { width: 1920, height: 1080 } },
  { layout: 'portrait', viewport: { width: 1080, height: 1920 } },
])('the barrier display page ($layout)', ({ layout, viewport }) => {
  let hub: TestHub;
  let browser: Browser;
  let page: Page;
  let gate: TestDevice;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    hub = await startTestHub();
    const tokens = await readDemoTokens(hub.dataDir);
    const { body: member } = await hub.api<{ id: number }>('POST', '/api/members', { phone: '13611112222', name: '陈静', plates: ['浙C·12345'] });
    await hub.started.db.run("UPDATE members SET tier_code = 'gold' WHERE id = ?", [member.id]);
    await hub.started.db.transaction((sql) =>
      ledgerRepository.append(sql, { memberId: member.id, delta: 12_480, kind: 'adjust', rule: 'test', sourceType: 'test', sourceId: 'e2e', createdAt: new Date().toISOString() }),
    );
    browser = await launchChromium();
    page = await browser.newPage({ viewport });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(`${hub.baseUrl}/screen?device=barrier-north&token=${tokens['barrier-north']}`);
    gate = await TestDevice.connect(hub.mqttUrl);
  });

  afterAll(async () => {
    await gate?.close();
    await browser?.close();
    await hub?.stop();
  });

  it('connects and plays its default loop', async () => {
    await page.locator('[data-testid="connection"][data-state="connected"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="loop-item"]').first().innerText()).toMatch(/星河汇购物中心|Galaxy Plaza|会员|Free parking/);
    await page.screenshot({ path: screenshotPath(`barrier-loop-${layout}`) });
  });

  it('greets a member\'s car with tier, masked plate and free parking, full screen', async () => {
    await gate.publish(topics.gateEvent('demo', 'gate-north'), { eventId: `e2e-${layout}-1`, gateId: 'gate-north', direction: 'in', plate: '浙C12345', confidence: 0.95, occurredAt: new Date().toISOString() });
    const offer = page.locator('[data-testid="offer"][data-offer-kind="greeting"]');
    await offer.waitFor({ state: 'visible' });
    const text = await offer.innerText();
    expect(text).toContain('欢迎回来，金卡会员');
    expect(text).toContain('Welcome back, Gold member');
    expect(text).toContain('浙C·***45');
    expect(text).toMatch(/\b3\s+本次免费停车（小时）\s+Free parking this visit \(h\)/);
    expect(text).toMatch(/12,480\s+积分\s+Points/);
    expect(text).not.toContain('12345');
    const box = await offer.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(viewport.width * 0.9);
    expect(box?.height).toBeGreaterThanOrEqual(viewport.height * 0.9);
    await page.waitForTimeout(800); // let the cross-fade finish so the saved picture is what a driver sees
    await page.screenshot({ path: screenshotPath(`barrier-greeting-${layout}`) });
  });

  it('welcomes a stranger with a scannable QR code to join', async () => {
    await gate.publish(topics.gateEvent('demo', 'gate-north'), { eventId: `e2e-${layout}-2`, gateId: 'gate-north', direction: 'in', plate: '豫A99999', confidence: 0.95, occurredAt: new Date().toISOString() });
    const offer = page.locator('[data-testid="offer"][data-offer-kind="welcome"]');
    await offer.waitFor({ state: 'visible' });
    const qr = offer.locator('img');
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);
    expect(await offer.innerText()).toContain('豫A·***99');
    await page.waitForTimeout(800);
    await page.screenshot({ path: screenshotPath(`barrier-welcome-${layout}`) });
  });

  it("shows the bill at the exit: the fee, what the member's tier covered, and a QR code to pay", async () => {
    const plate = layout === 'portrait' ? '浙C·12345' : '浙C12345';
    const fiveHoursAgo = new Date(Date.now() - 5 * 3600_000).toISOString();
    // The gold member came in five hours ago (their entry today was already answered above; this is a new visit).
    await gate.publish(topics.gateEvent('demo', 'gate-north'), { eventId: `e2e-${layout}-exit-0`, gateId: 'gate-north', direction: 'out', plate, confidence: 0.95, occurredAt: new Date(Date.now() - 6 * 3600_000).toISOString() });
    await page.locator('[data-testid="offer"]').first().waitFor();
    await gate.publish(topics.gateEvent('demo', 'gate-north'), { eventId: `e2e-${layout}-in-5h`, gateId: 'gate-north', direction: 'in', plate, confidence: 0.95, occurredAt: fiveHoursAgo });
    await page.locator('[data-testid="offer"][data-offer-kind="greeting"]').waitFor();
    await gate.publish(topics.gateEvent('demo', 'gate-north'), { eventId: `e2e-${layout}-out-5h`, gateId: 'gate-north', direction: 'out', plate, confidence: 0.95, occurredAt: new Date().toISOString() });
    const bill = page.locator('[data-testid="offer"][data-offer-kind="payment"]');
    await bill.waitFor({ state: 'visible' });
    expect(await bill.locator('[data-testid="fee"]').innerText()).toContain('¥20.00'); // 5 h, 3 h covered by Gold, 2 h × ¥10
    expect(await bill.locator('[data-testid="breakdown"]').innerText()).toMatch(/会员等级免费时长[\s\S]*3 h/);
    await expect.poll(() => bill.locator('[data-testid="pay-qr"]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(100);
    expect(await bill.innerText()).not.toContain('12345');
    await page.waitForTimeout(800);
    await page.screenshot({ path: screenshotPath(`barrier-bill-${layout}`) });
  });

  it('raised no errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
