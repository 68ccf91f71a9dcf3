import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { readDemoTokens } from '../../hub/src/demo/seed.js';
import { launchChromium, screenshotPath } from '../support/browser.js';
import { startTestHub, type TestHub } from '../support/hub-harness.js';
import { couponTemplate, newMember, passCode } from '../support/loyalty-fixtures.js';

/** A USB QR scanner is a keyboard: the code's characters arrive within milliseconds, then Enter. */
async function scan(page: Page, code: string): Promise<void> {
  await page.evaluate((text) => {
    for (const key of [...text, 'Enter']) window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  }, code);
}

/** Reads a QR code shown on the page the way a phone camera would: from its pixels. */
async function readQr(page: Page, selector: string): Promise<string> {
  const src = await page.locator(selector).getAttribute('src');
  const png = PNG.sync.read(Buffer.from(src!.replace(/^data:image\/png;base64,/, ''), 'base64'));
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!decoded) throw new Error('QR code not readable');
  return decoded.data;
}

describe.each([
  { layout: 'portrait', viewport: { width: 1080, height: 1920 } },
  { layout: 'landscape', viewport: { width: 1920, height: 1080 } },
])('the kiosk ($layout)', ({ layout, viewport }) => {
  let hub: TestHub;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let kioskUrl: string;
  const errors: string[] = [];

  beforeAll(async () => {
    hub = await startTestHub();
    const tokens = await readDemoTokens(hub.dataDir);
    kioskUrl = `${hub.baseUrl}/kiosk?device=kiosk-atrium&token=${tokens['kiosk-atrium']}`;
    browser = await launchChromium();
    context = await browser.newContext({ viewport });
    page = await context.newPage();
    page.on('pageerror', (err) => errors.push(err.message));
    await page.clock.install();
    await page.goto(kioskUrl);
    await page.locator('[data-testid="attract"][data-online="true"]').waitFor();
    await page.screenshot({ path: screenshotPath(`kiosk-attract-${layout}`) });
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('a scanned member code opens the member home, showing only masked personal data', async () => {
    const member = await newMember(hub, { name: '黄丽', plates: ['闽D12345'] });
    await scan(page, member.code);
    await page.locator('[data-testid="home"]').waitFor();
    const text = await page.locator('[data-testid="home"]').innerText();
    expect(text).toContain('黄*');
    expect(text).not.toContain('12345');
    expect(text).not.toMatch(/1990\d{7}/);
    await page.screenshot({ path: screenshotPath(`kiosk-home-${layout}`) });
  });

  it('checks in once; a second tap says it is already done today', async () => {
    await page.locator('[data-testid="checkin"]').click();
    await page.locator('[data-testid="checkin-result"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="points"]').innerText()).toBe('10');
    const again = page.locator('[data-testid="checkin"]');
    if (await again.isEnabled()) await again.click();
    await expect.poll(async () => (await page.locator('[data-testid="home"]').innerText()).match(/已签到|already/i) !== null).toBe(true);
    await expect.poll(() => page.locator('[data-testid="points"]').innerText()).toBe('10');
  });

  it('claims a coupon from the wall and shows its QR code for the till', async () => {
    const template = await hub.api<{ id: number }>('POST', '/api/coupon-templates', couponTemplate({ titleZh: '咖啡买一送一', titleEn: 'Coffee 2 for 1', totalStock: 10 }));
    await page.locator('[data-testid="done"]').click();
    await page.locator('[data-testid="attract"]').waitFor();
    const member = await newMember(hub);
    await scan(page, member.code);
    await page.locator(`[data-testid="claim-${template.body.id}"]`).click();
    const card = page.locator('[data-testid^="coupon-"]').filter({ has: page.locator('[data-testid="coupon-qr"]') }).first();
    await card.waitFor();
    const code = (await card.getAttribute('data-testid'))!.replace('coupon-', '');
    expect(await readQr(page, `[data-testid="coupon-${code}"] [data-testid="coupon-qr"]`)).toBe(code);
    await page.screenshot({ path: screenshotPath(`kiosk-coupon-${layout}`) });
  });

  it('redeems a reward and shows the balance drop', async () => {
    const reward = await hub.api<{ id: number }>('POST', '/api/rewards', { titleZh: '帆布袋', titleEn: 'Tote bag', kind: 'gift', pointsPrice: 300, stock: 5 });
    await page.locator('[data-testid="done"]').click();
    const member = await newMember(hub);
    await hub.started.db.run('UPDATE members SET points_balance = 1000 WHERE id = ?', [member.id]);
    await hub.started.db.run("INSERT INTO points_ledger (member_id, delta, balance_after, kind, rule, source_type, source_id, created_at) VALUES (?, 1000, 1000, 'adjust', 'e2e', 'e2e', ?, '2026-11-25T00:00:00Z')", [member.id, `${layout}-${member.id}`]);
    await scan(page, await passCode(hub, member.id));
    await expect.poll(() => page.locator('[data-testid="points"]').innerText()).toBe('1,000');
    await page.locator(`[data-testid="redeem-${reward.body.id}"]`).click();
    await expect.poll(() => page.locator('[data-testid="points"]').innerText()).toBe('700');
  });

  it('clears everything after a minute without a touch, after a visible countdown', async () => {
    await page.clock.fastForward(52_000);
    await page.locator('[data-testid="idle-countdown"]').waitFor();
    await page.screenshot({ path: screenshotPath(`kiosk-idle-${layout}`) });
    await page.clock.fastForward(11_000);
    await page.locator('[data-testid="attract"]').waitFor();
    expect(await page.locator('[data-testid="home"]').count()).toBe(0);
    expect(await page.content()).not.toContain('700');
  });

  it('an invalid code gets a friendly message and nothing else', async () => {
    await scan(page, 'ATM1.zz.zz.forgedsignature00');
    // The idle test's "signed out" notice may still be showing: wait for the new message, not any message.
    await expect.poll(() => page.locator('[data-testid="message"]').innerText()).toMatch(/会员码|member code/i);
    expect(await page.locator('[data-testid="home"]').count()).toBe(0);
  });

  it('a stranger joins with the one-time code from the hub log', async () => {
    const phone = layout === 'portrait' ? '19977701234' : '19977705678';
    await page.locator('[data-testid="join-start"]').click();
    for (const digit of phone) await page.locator(`[data-testid="key-${digit}"]`).click();
    await page.locator('[data-testid="otp-send"]').click();
    await page.locator('[data-testid="join"][data-step="verify"]').waitFor();
    await expect.poll(() => {
      try {
        return hub.otpFor(phone);
      } catch {
        return '';
      }
    }).toMatch(/^\d{6}$/);
    for (const digit of hub.otpFor(phone)) await page.locator(`[data-testid="key-${digit}"]`).click();
    await page.locator('[data-testid="consent"]').check();
    await page.screenshot({ path: screenshotPath(`kiosk-join-${layout}`) });
    await page.locator('[data-testid="join-submit"]').click();
    await page.locator('[data-testid="home"]').waitFor();
    expect(await page.locator('[data-testid="home"]').innerText()).toContain(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    await page.locator('[data-testid="done"]').click();
  });

  it('opens a session from a phone: the member scans the kiosk\'s QR with the pass and confirms', async () => {
    await page.locator('[data-testid="attract"]').waitFor();
    const url = await readQr(page, '[data-testid="link-qr"]');
    expect(url).toMatch(/\/m\/link\?code=/);
    const phoneContext = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const phone = await phoneContext.newPage();
    try {
      const number = layout === 'portrait' ? '19977709001' : '19977709002';
      await newMember(hub, { phone: number }).catch(() => undefined);
      await phone.goto(url);
      await phone.locator('[data-testid="pass-phone"]').fill(number);
      await phone.locator('[data-testid="pass-send"]').click();
      await expect.poll(() => {
        try {
          return hub.otpFor(number);
        } catch {
          return '';
        }
      }).toMatch(/^\d{6}$/);
      await phone.locator('[data-testid="pass-otp"]').fill(hub.otpFor(number));
      await phone.locator('[data-testid="pass-login"]').click();
      await phone.locator('[data-testid="link-confirm"]').click();
      await phone.locator('[data-testid="link-done"]').waitFor();
      await phone.screenshot({ path: screenshotPath(`pass-link-confirmed-${layout}`) });
      await page.locator('[data-testid="home"]').waitFor();
      expect(await page.locator('[data-testid="home"]').innerText()).toContain(`${number.slice(0, 3)}****${number.slice(-4)}`);
    } finally {
      await phoneContext.close();
    }
  });

  it('raised no errors in the page', () => {
    expect(errors).toEqual([]);
  });
});
