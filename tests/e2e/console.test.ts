import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from '../support/browser.js';
import { ADMIN_PASSWORD, startTestHub, type TestHub } from '../support/hub-harness.js';

/**
 * The marketer's path in a real browser: log in to the console, put a playlist on a
 * screen with the schedule page, and watch the player on that screen switch to it.
 */
describe('the console schedule page', () => {
  let hub: TestHub;
  let browser: Browser;
  let consolePage: Page;
  let player: Page;
  let saleCardId: number;

  beforeAll(async () => {
    hub = await startTestHub({ demo: false });
    const { token } = (await hub.api<{ token: string }>('POST', '/api/screens', { id: 'atrium-led', name: 'Atrium LED', kind: 'floor', floor: 'L1', zone: 'atrium' })).body;
    const welcome = await hub.api<{ id: number }>('POST', '/api/content', { kind: 'text', name: 'Welcome', durationMs: 4000, title: { zh: '欢迎', en: 'Welcome' }, body: { zh: '祝您愉快', en: 'Enjoy' } });
    const sale = await hub.api<{ id: number }>('POST', '/api/content', { kind: 'text', name: 'Flash sale', durationMs: 4000, title: { zh: '限时抢购', en: 'Flash sale' }, body: { zh: '仅限今日', en: 'Today only' } });
    saleCardId = sale.body.id;
    const base = await hub.api<{ id: number }>('POST', '/api/playlists', { name: 'Everyday', items: [{ contentId: welcome.body.id }] });
    await hub.api('POST', '/api/playlists', { name: 'Flash sale', items: [{ contentId: sale.body.id }] });
    await hub.api('PUT', '/api/signage/settings', { defaultPlaylistId: base.body.id });

    browser = await launchChromium();
    player = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    await player.goto(`${hub.baseUrl}/screen?device=atrium-led&token=${token}`);
    consolePage = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await consolePage.goto(`${hub.baseUrl}/console#/schedule`);
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('logs in as a staff member', async () => {
    await consolePage.locator('[data-testid="login-username"]').fill('admin');
    await consolePage.locator('[data-testid="login-password"]').fill(ADMIN_PASSWORD);
    await consolePage.locator('[data-testid="login-submit"]').click();
    await consolePage.locator('[data-testid="entry-new"]').waitFor();
  });

  it('creates a schedule entry that the targeted player then shows', async () => {
    await player.locator('[data-testid="loop-item"]').filter({ hasText: 'Welcome' }).first().waitFor();
    await consolePage.locator('[data-testid="entry-new"]').click();
    await consolePage.locator('[data-testid="entry-name"]').fill('Flash sale on the atrium LED');
    await consolePage.locator('[data-testid="entry-playlist"]').selectOption({ label: 'Flash sale' });
    await consolePage.locator('[data-testid="entry-priority"]').fill('50');
    await consolePage.locator('[data-testid="entry-target-screen-atrium-led"]').check();
    await consolePage.screenshot({ path: screenshotPath('console-schedule-form') });
    await consolePage.locator('[data-testid="entry-save"]').click();
    await consolePage.locator('[data-testid^="entry-block-"]').first().waitFor();

    const entries = await hub.api<Array<{ name: string; priority: number; target: { screenIds: string[] } }>>('GET', '/api/schedule-entries');
    expect(entries.body).toEqual([expect.objectContaining({ name: 'Flash sale on the atrium LED', priority: 50, target: expect.objectContaining({ screenIds: ['atrium-led'] }) })]);
    await player.locator(`[data-testid="loop-item"][data-content-id="${saleCardId}"]`).first().waitFor({ timeout: 15_000 });
    expect(await player.locator(`[data-testid="loop-item"][data-content-id="${saleCardId}"]`).first().innerText()).toContain('Flash sale');
    await consolePage.screenshot({ path: screenshotPath('console-schedule-week') });
    await player.screenshot({ path: screenshotPath('console-scheduled-player') });
  });

  it('previews what the screen plays at a given time', async () => {
    await consolePage.locator('[data-testid="nav-preview"]').click();
    await consolePage.locator('[data-testid="preview-screen"]').selectOption('atrium-led');
    await consolePage.locator('[data-testid="preview-run"]').click();
    await consolePage.locator('[data-testid="preview-item-0"]').waitFor();
    expect(await consolePage.locator('[data-testid="preview-item-0"]').innerText()).toContain('Flash sale');
  });
});
