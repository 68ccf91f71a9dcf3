import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshotPath } from '../support/browser.js';
import { eventually } from '../support/devices.js';
import { startTestHub, type TestHub } from '../support/hub-harness.js';
import { freePort } from '../support/mosquitto.js';

/**
 * The floor-screen player in headless Chromium against the real hub: it plays
 * what is scheduled, keeps playing from its cache with the hub stopped (even after
 * a reload), sends the plays it queued when the hub is back, and shows an
 * emergency on two players at once.
 */
describe('the screen player', () => {
  let dataDir: string;
  let port: number;
  let hub: TestHub;
  let browser: Browser;
  let context: BrowserContext;
  const pages: Page[] = [];
  const tokens: Record<string, string> = {};
  let cardId: number;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'atrium-player-'));
    port = await freePort();
    hub = await startTestHub({ demo: false, dataDir, port });
    for (const id of ['floor-1', 'floor-2']) {
      tokens[id] = (await hub.api<{ token: string }>('POST', '/api/screens', { id, name: `Floor ${id}`, kind: 'floor', floor: 'L1', zone: 'atrium' })).body.token;
    }
    const card = await hub.api<{ id: number }>('POST', '/api/content', { kind: 'text', name: 'Winter sale', durationMs: 3000, title: { zh: '冬季特卖', en: 'Winter sale' }, body: { zh: '全场八折', en: '20% off everything' } });
    const qr = await hub.api<{ id: number }>('POST', '/api/content', { kind: 'qr', name: 'Join', durationMs: 3000, target: 'https://example.invalid/join', caption: { zh: '扫码入会', en: 'Scan to join' } });
    cardId = card.body.id;
    const playlist = await hub.api<{ id: number }>('POST', '/api/playlists', { name: 'Loop', items: [{ contentId: card.body.id }, { contentId: qr.body.id }] });
    await hub.api('PUT', '/api/signage/settings', { defaultPlaylistId: playlist.body.id });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    for (const id of ['floor-1', 'floor-2']) {
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${port}/screen?device=${id}&token=${tokens[id]}`);
      pages.push(page);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop({ keepData: true });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('plays the scheduled items', async () => {
    const page = pages[0]!;
    await page.locator('[data-testid="connection"][data-state="connected"]').waitFor();
    await page.locator(`[data-testid="loop-item"][data-content-id="${cardId}"]`).first().waitFor();
    expect(await page.locator(`[data-testid="loop-item"][data-content-id="${cardId}"]`).first().innerText()).toContain('Winter sale');
    await page.screenshot({ path: screenshotPath('player-floor-loop') });
  });

  it('shows an emergency on two players at once, and gives the loop back when it is cleared', async () => {
    await hub.api('POST', '/api/emergency', { message: { zh: '请保持冷静，听从工作人员指引', en: 'Please stay calm and follow staff instructions' }, screenIds: [] });
    for (const page of pages) await page.locator('[data-testid="emergency"]').waitFor();
    expect(await pages[1]!.locator('[data-testid="emergency"]').innerText()).toContain('Please stay calm');
    await pages[0]!.screenshot({ path: screenshotPath('player-emergency') });
    await hub.api('DELETE', '/api/emergency');
    for (const page of pages) await page.locator('[data-testid="emergency"]').waitFor({ state: 'detached' });
  });

  it('keeps playing from its cache with the hub stopped, even after a reload, and sends the queued plays when the hub is back', async () => {
    const page = pages[0]!;
    // Let the service worker take control and cache the page, bundles and schedule.
    await eventually(async () => expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true), 15_000);
    const storedBefore = (await hub.started.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM plays WHERE screen_id = 'floor-1'"))!.n;

    await hub.stop({ keepData: true });
    await page.locator('[data-testid="connection"][data-state="disconnected"]').waitFor();
    await page.reload();
    await page.locator('[data-testid="loop-item"][data-content-id]').first().waitFor({ timeout: 15_000 });
    const shown = new Set<string>();
    for (let i = 0; i < 12 && shown.size < 2; i++) {
      shown.add((await page.locator('[data-testid="loop-item"][data-content-id]').last().getAttribute('data-content-id')) ?? '');
      await page.waitForTimeout(700);
    }
    expect(shown.size).toBe(2); // both items still rotate, with no hub
    await page.screenshot({ path: screenshotPath('player-offline-after-reload') });

    hub = await startTestHub({ demo: false, dataDir, port });
    await page.locator('[data-testid="connection"][data-state="connected"]').waitFor({ timeout: 30_000 });
    await eventually(async () => {
      const after = (await hub.started.db.get<{ n: number }>("SELECT COUNT(*) AS n FROM plays WHERE screen_id = 'floor-1'"))!.n;
      expect(after).toBeGreaterThan(storedBefore + 2);
    }, 30_000);
    const plays = await hub.started.db.all<{ play_id: string }>('SELECT play_id FROM plays');
    expect(new Set(plays.map((p) => p.play_id)).size).toBe(plays.length);
  });
});
